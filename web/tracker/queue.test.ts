import { describe, expect, it } from 'vitest';
import { backoff, Queue, type QueueOptions } from './queue';
import { clock, ev, Mem, transport } from './testkit';

function setup(statuses?: number[], extra: Partial<QueueOptions> = {}) {
  const c = clock();
  const t = transport(statuses);
  const store = new Mem();
  const q = new Queue({ ...t.bind(c.now), timer: c.timer, now: c.now, store, ...extra });
  q.enable();
  return { c, t, q, store };
}
const ids = (batch: { messageId: string }[]) => batch.map((e) => e.messageId);

describe('Queue batching', () => {
  it('sends what arrived within a second as one batch', async () => {
    const { c, t, q } = setup();
    q.push(ev('a'));
    await c.advance(400);
    q.push(ev('b'));
    await c.advance(500);
    expect(t.posts).toHaveLength(0);
    await c.advance(100);
    expect(t.posts.map((p) => ids(p.batch))).toEqual([['a', 'b']]);
    expect(q.q).toHaveLength(0);
  });
  it('sends at once at 20 events, then the rest', async () => {
    const { c, t, q } = setup();
    for (let i = 0; i < 25; i++) q.push(ev());
    expect(t.posts).toHaveLength(1);
    expect(t.posts[0].batch).toHaveLength(20);
    expect(t.posts[0].at).toBe(0);
    await c.advance(1000);
    expect(t.posts.map((p) => p.batch.length)).toEqual([20, 5]);
    expect(q.q).toHaveLength(0);
  });
  it('keeps one batch in flight at a time', async () => {
    const { c, t, q } = setup();
    for (let i = 0; i < 20; i++) q.push(ev());
    q.flush();
    q.flush();
    expect(t.posts).toHaveLength(1);
    await c.advance(0);
  });
});

describe('Queue retries', () => {
  it('retries network errors and 5xx with growing delays and the same messageIds', async () => {
    const { c, t, q } = setup([0, 503, 429, 200]);
    q.push(ev('x'));
    await c.advance(20_000);
    expect(t.posts.map((p) => p.at)).toEqual([1000, 1000 + backoff(0), 1000 + backoff(0) + backoff(1), 1000 + backoff(0) + backoff(1) + backoff(2)]);
    expect(t.posts.every((p) => ids(p.batch).join() == 'x')).toBe(true);
    expect(q.q).toHaveLength(0);
  });
  it('gives up on a batch after a bounded number of attempts', async () => {
    const { c, t, q } = setup([0], { tries: 4 });
    q.push(ev('lost'));
    await c.advance(120_000);
    expect(t.posts).toHaveLength(4);
    expect(q.q).toHaveLength(0);
    q.push(ev('next'));
    await c.advance(1000);
    expect(ids(t.posts[4].batch)).toEqual(['next']);
  });
  it('drops a batch the server refuses for good (4xx)', async () => {
    const { c, t, q } = setup([400, 200]);
    q.push(ev('bad'));
    await c.advance(1000);
    q.push(ev('good'));
    await c.advance(1000);
    expect(t.posts.map((p) => ids(p.batch))).toEqual([['bad'], ['good']]);
    expect(q.q).toHaveLength(0);
  });
  it('caps the backoff at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(backoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
  it('a transport that throws is a failed attempt, not an exception', async () => {
    const c = clock();
    let calls = 0;
    const q = new Queue({
      post: () => {
        calls++;
        throw new Error('boom');
      },
      beacon: () => false,
      wrap: JSON.stringify,
      timer: c.timer,
      now: c.now,
      store: null,
      tries: 2,
    });
    q.enable();
    q.push(ev());
    await c.advance(10_000);
    expect(calls).toBe(2);
  });
});

describe('Queue storage and unload', () => {
  it('survives a reload through its store, and empties it once sent', async () => {
    const first = setup([0]);
    first.q.push(ev('p1'));
    first.q.push(ev('p2'));
    expect(JSON.parse(first.store.getItem('lb_q')!)).toHaveLength(2);
    // The page reloads before the events are acknowledged.
    const c = clock();
    const t = transport([200]);
    const q = new Queue({ ...t.bind(c.now), timer: c.timer, now: c.now, store: first.store });
    q.push(ev('p3')); // before consent/enable: memory only
    q.enable();
    await c.advance(0);
    expect(t.posts.map((p) => ids(p.batch))).toEqual([['p1', 'p2', 'p3']]);
    expect(JSON.parse(first.store.getItem('lb_q')!)).toEqual([]);
  });
  it('stores nothing and sends nothing until enabled, and clear() forgets everything', async () => {
    const c = clock();
    const t = transport();
    const store = new Mem();
    const q = new Queue({ ...t.bind(c.now), timer: c.timer, now: c.now, store });
    q.push(ev());
    await c.advance(5000);
    q.unload();
    expect(t.posts).toHaveLength(0);
    expect(t.beacons).toHaveLength(0);
    expect(store.m.size).toBe(0);
    q.enable(); // what was held goes out now
    expect(t.posts).toHaveLength(1);
    q.push(ev());
    expect(store.m.size).toBe(1);
    q.clear();
    expect(store.m.size).toBe(0);
    q.push(ev());
    await c.advance(5000);
    expect(t.posts).toHaveLength(1);
    expect(store.m.size).toBe(0);
  });
  it('drops the oldest events beyond the cap', () => {
    const c = clock();
    const q = new Queue({ ...transport().bind(c.now), timer: c.timer, now: c.now, store: null, cap: 3 });
    for (const id of ['1', '2', '3', '4', '5']) q.push(ev(id));
    expect(ids(q.q)).toEqual(['3', '4', '5']);
  });
  it('unload hands everything to sendBeacon in batches of 20', () => {
    const { t, q } = setup([0]);
    q.on = false; // hold them: no fetch yet
    for (let i = 0; i < 45; i++) q.push(ev());
    q.on = true;
    q.unload();
    expect(t.beacons.map((b) => b.length)).toEqual([20, 20, 5]);
    expect(q.q).toHaveLength(0);
  });
  it('what sendBeacon refuses stays queued (and stored) for the next page', () => {
    const { t, q, store } = setup([0]);
    t.refuseBeacons();
    q.push(ev('keep'));
    q.unload();
    expect(ids(q.q)).toEqual(['keep']);
    expect(ids(JSON.parse(store.getItem('lb_q')!))).toEqual(['keep']);
  });
  it('while the server is failing, unload keeps the events stored instead of beaconing them', async () => {
    const { c, t, q, store } = setup([503]);
    q.push(ev('down'));
    await c.advance(1000);
    expect(t.posts).toHaveLength(1);
    q.unload();
    expect(t.beacons).toHaveLength(0);
    expect(ids(JSON.parse(store.getItem('lb_q')!))).toEqual(['down']);
  });
});
