import { describe, expect, it } from 'vitest';
import { cookieKV, read, remove, uuid, write } from './store';
import { broken, Mem } from './testkit';

/** A document.cookie stand-in that honours max-age=0 and reports the attributes last written. */
function fakeDoc() {
  const jar = new Map<string, string>();
  let lastWrite = '';
  return {
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    },
    set cookie(s: string) {
      lastWrite = s;
      const [kv] = s.split(';');
      const [k, v] = kv.split('=');
      if (/max-age=0(;|$)/.test(s)) jar.delete(k);
      else jar.set(k, v);
    },
    lastWrite: () => lastWrite,
  };
}

describe('storage helpers', () => {
  it('write falls back to the next store when one throws, and read finds it there', () => {
    const cookie = new Mem();
    expect(write([broken, cookie], 'k', 'v')).toBe(true);
    expect(cookie.getItem('k')).toBe('v');
    expect(read([broken, cookie], 'k')).toBe('v');
    remove([broken, cookie], 'k');
    expect(read([broken, cookie], 'k')).toBeNull();
  });
  it('write prefers the first store and reports failure when none works', () => {
    const a = new Mem();
    const b = new Mem();
    write([a, b], 'k', 'v');
    expect(a.getItem('k')).toBe('v');
    expect(b.getItem('k')).toBeNull();
    expect(write([broken, null], 'k', 'v')).toBe(false);
  });
  it('cookie jar: first-party, Lax, two years, Secure on https, removable', () => {
    const doc = fakeDoc();
    const c = cookieKV(doc, true);
    c.setItem('lb_aid', 'a b');
    expect(doc.lastWrite()).toBe('lb_aid=a%20b; path=/; SameSite=Lax; Secure; max-age=63072000');
    expect(c.getItem('lb_aid')).toBe('a b');
    expect(c.getItem('aid')).toBeNull();
    c.removeItem('lb_aid');
    expect(c.getItem('lb_aid')).toBeNull();
  });
  it('uuid builds a version 7 UUID: the time in its first 48 bits, random bits after', () => {
    const at = Date.UTC(2026, 10, 23, 9, 30, 0, 123);
    const ids = new Set(Array.from({ length: 50 }, () => uuid(crypto, at)));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    }
  });
  it('uuid: an id made a millisecond later sorts after every id made before it', () => {
    const at = Date.UTC(2026, 10, 23, 9, 30);
    const earlier = Array.from({ length: 20 }, () => uuid(crypto, at));
    const later = Array.from({ length: 20 }, () => uuid(crypto, at + 1));
    for (const a of earlier) for (const b of later) expect(a < b).toBe(true);
  });
});
