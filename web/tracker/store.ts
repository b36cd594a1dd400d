// Small key/value helpers over localStorage, sessionStorage and a cookie jar. Every access is
// guarded: storage can be missing, disabled or full, and the tracker must never throw.

export interface KV {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The first value found in `stores`, or null. */
export function read(stores: (KV | null)[], key: string): string | null {
  for (const s of stores) {
    try {
      const v = s && s.getItem(key);
      if (v) return v;
    } catch {
      // Try the next store.
    }
  }
  return null;
}

/** Writes to the first store that accepts the value; returns whether one did. */
export function write(stores: (KV | null)[], key: string, value: string): boolean {
  for (const s of stores) {
    try {
      if (s) {
        s.setItem(key, value);
        if (s.getItem(key) === value) return true;
      }
    } catch {
      // Full, disabled or blocked: fall back to the next store.
    }
  }
  return false;
}

/** Removes the key from every store. */
export function remove(stores: (KV | null)[], key: string): void {
  for (const s of stores) {
    try {
      s && s.removeItem(key);
    } catch {
      // Nothing to clear.
    }
  }
}

/** A first-party cookie jar as a KV (two years, SameSite=Lax, Secure on https). */
export function cookieKV(doc: { cookie: string }, secure: boolean): KV {
  const attrs = '; path=/; SameSite=Lax' + (secure ? '; Secure' : '');
  return {
    getItem(key) {
      const m = doc.cookie.match(new RegExp('(?:^|; )' + key + '=([^;]*)'));
      return m ? decodeURIComponent(m[1]) : null;
    },
    setItem(key, value) {
      doc.cookie = key + '=' + encodeURIComponent(value) + attrs + '; max-age=63072000';
    },
    removeItem(key) {
      doc.cookie = key + '=' + attrs + '; max-age=0';
    },
  };
}

/**
 * A version 7 UUID (RFC 9562): the time in milliseconds, then 74 random bits. Ids made later sort
 * after earlier ones, so the collector stores a new visitor's and a new event's key at the end of
 * its indexes instead of at a random page (docs/adr/0006-time-ordered-ids.md).
 */
export function uuid(c: Crypto, now: number): string {
  const b = c.getRandomValues(new Uint8Array(16));
  for (let i = 5, t = now; i >= 0; i--, t = Math.floor(t / 256)) b[i] = t % 256;
  b[6] = (b[6] & 15) | 112;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
