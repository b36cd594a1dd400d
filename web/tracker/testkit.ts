// Deterministic stand-ins for the tracker's environment: storage, a clock with timers, and a
// recording transport. Used by the *.test.ts files only.
import type { KV } from './store';
import type { Ev, QueueOptions } from './queue';

export class Mem implements KV {
  m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

/** Storage that throws on every access (disabled, or Safari's old private mode). */
export const broken: KV = {
  getItem() {
    throw new Error('SecurityError');
  },
  setItem() {
    throw new Error('QuotaExceededError');
  },
  removeItem() {
    throw new Error('SecurityError');
  },
};

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A manual clock: timers run only inside advance(), in order, with promises settled after each. */
export function clock() {
  let t = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    timer: (fn: () => void, ms: number) => timers.push({ at: t + ms, fn }),
    pending: () => timers.length,
    async advance(ms: number) {
      const end = t + ms;
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = next.at;
        next.fn();
        await settle();
      }
      t = end;
    },
  };
}

/** A transport that answers with the given statuses in turn (the last repeats) and records bodies. */
export function transport(statuses: number[] = [200]) {
  const posts: { at: number; batch: Ev[] }[] = [];
  const beacons: Ev[][] = [];
  let i = 0;
  let beaconOk = true;
  return {
    posts,
    beacons,
    refuseBeacons() {
      beaconOk = false;
    },
    bind(now: () => number): Pick<QueueOptions, 'post' | 'beacon' | 'wrap'> {
      return {
        wrap: (batch) => JSON.stringify({ batch }),
        post: (body) => {
          posts.push({ at: now(), batch: JSON.parse(body).batch });
          return Promise.resolve(statuses[Math.min(i++, statuses.length - 1)]);
        },
        beacon: (body) => {
          if (beaconOk) beacons.push(JSON.parse(body).batch);
          return beaconOk;
        },
      };
    },
  };
}

let n = 0;
export const seqId = () => `id-${++n}`;
export const ev = (id = seqId()): Ev => ({ messageId: id, type: 'track' });
