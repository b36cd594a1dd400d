// The event queue: batches events, flushes every `interval` ms or at `max` events, retries
// network errors and 5xx/429 with bounded exponential backoff, keeps its content in (session)
// storage so a reload does not lose it, and empties itself with sendBeacon when the page hides.
// Everything outside (time, timers, storage, transport) is injected so tests are deterministic.
import type { KV } from './store';

export interface Ev {
  messageId: string;
  [k: string]: unknown;
}

export interface QueueOptions {
  /** POSTs one body (fetch keepalive); resolves to the HTTP status, 0 for a network error. */
  post(body: string): Promise<number>;
  /** Hands one body to the browser for delivery after unload (sendBeacon); false if refused. */
  beacon(body: string): boolean;
  /** The body for a batch of events. */
  wrap(batch: Ev[]): string;
  timer(fn: () => void, ms: number): unknown;
  now(): number;
  /** Where the queue survives reloads (sessionStorage); null keeps it in memory only. */
  store: KV | null;
  key?: string;
  max?: number;
  interval?: number;
  /** Attempts per batch before it is dropped. */
  tries?: number;
  /** Most events kept; the oldest are dropped beyond it. */
  cap?: number;
}

export const backoff = (attempt: number) => Math.min(1000 * 2 ** attempt, 30000);

export class Queue {
  q: Ev[] = [];
  /** Sending is allowed (consent); while false, events are held in memory only. */
  on = false;
  busy = false;
  fails = 0;
  until = 0;
  timed = false;

  constructor(private o: QueueOptions) {}

  private get key() {
    return this.o.key || 'lb_q';
  }

  /** Enables sending and storage; restores what a previous page left in the store. */
  enable(): void {
    if (this.on) return;
    this.on = true;
    try {
      const saved: Ev[] = JSON.parse((this.o.store && this.o.store.getItem(this.key)) || '[]');
      const have = new Set(this.q.map((e) => e.messageId));
      this.q = saved.filter((e) => e && e.messageId && !have.has(e.messageId)).concat(this.q);
    } catch {
      // A corrupt entry is dropped.
    }
    this.save();
    this.flush();
  }

  /** Drops every queued event, in memory and in storage, and stops sending. */
  clear(): void {
    this.q = [];
    this.on = false;
    try {
      this.o.store && this.o.store.removeItem(this.key);
    } catch {
      // Nothing stored.
    }
  }

  push(e: Ev): void {
    this.q.push(e);
    const cap = this.o.cap || 200;
    if (this.q.length > cap) this.q.splice(0, this.q.length - cap);
    this.save();
    if (this.q.length >= (this.o.max || 20)) this.flush();
    else this.schedule(this.o.interval ?? 1000);
  }

  private save(): void {
    if (!this.on || !this.o.store) return;
    try {
      this.o.store.setItem(this.key, JSON.stringify(this.q));
    } catch {
      // Full: the queue lives in memory only.
    }
  }

  private schedule(ms: number): void {
    if (this.timed) return;
    this.timed = true;
    this.o.timer(() => {
      this.timed = false;
      this.flush();
    }, ms);
  }

  private drop(batch: Ev[]): void {
    const ids = new Set(batch.map((e) => e.messageId));
    this.q = this.q.filter((e) => !ids.has(e.messageId));
    this.save();
  }

  /** Sends the oldest batch now unless one is in flight, sending is off or a backoff runs. */
  flush(): void {
    const o = this.o;
    if (!this.on || this.busy || !this.q.length) return;
    const wait = this.until - o.now();
    if (wait > 0) return this.schedule(wait);
    const batch = this.q.slice(0, o.max || 20);
    this.busy = true;
    let p: Promise<number>;
    try {
      p = o.post(o.wrap(batch));
    } catch {
      p = Promise.resolve(0);
    }
    p.catch(() => 0).then((status) => {
      this.busy = false;
      if (status && status < 500 && status != 429) {
        // Accepted, or refused for good (4xx): retrying would not help either way.
        this.fails = 0;
        this.drop(batch);
      } else if (++this.fails >= (o.tries || 6)) {
        this.fails = 0;
        this.drop(batch);
      } else {
        this.until = o.now() + backoff(this.fails - 1);
      }
      if (this.q.length) this.schedule(this.fails ? this.until - o.now() : 0);
    });
  }

  /**
   * Page is hiding: hand everything to sendBeacon in batches; what it refuses stays queued (and
   * stored for the next page). While the server is failing (a retry is pending) nothing is
   * beaconed: a beacon's answer is unknown, so the events wait in storage for the next page.
   */
  unload(): void {
    if (!this.on || this.fails) return;
    const max = this.o.max || 20;
    for (let i = 0; i < this.q.length; i += max) {
      const batch = this.q.slice(i, i + max);
      let ok = false;
      try {
        ok = this.o.beacon(this.o.wrap(batch));
      } catch {
        // Refused: kept for the next page.
      }
      if (ok) {
        this.drop(batch);
        i -= max;
      }
    }
  }
}
