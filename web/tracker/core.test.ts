import { describe, expect, it } from 'vitest';
import { AID, CONSENT, Core, initialConsent, type PageContext } from './core';
import { Queue } from './queue';
import { broken, clock, Mem, transport } from './testkit';

function setup(opts: { required?: boolean; local?: Mem; cookie?: Mem; session?: Mem; search?: string; localBroken?: boolean } = {}) {
  const c = clock();
  const t = transport();
  const local = opts.local ?? new Mem();
  const cookie = opts.cookie ?? new Mem();
  const session = opts.session ?? new Mem();
  let n = 0;
  const page = { url: 'https://acme.example/pricing' + (opts.search ?? ''), referrer: 'https://www.google.com/', title: 'Pricing', path: '/pricing', search: opts.search ?? '' };
  const queue = new Queue({ ...t.bind(c.now), timer: c.timer, now: c.now, store: session });
  const core = new Core(
    {
      stores: [opts.localBroken ? broken : local, cookie],
      uuid: () => `uuid-${++n}`,
      now: () => Date.UTC(2026, 10, 22, 9, 0, 0) + c.now(),
      context: (): PageContext => ({ page: { ...page }, userAgent: 'UA' }),
    },
    queue,
    !!opts.required,
  );
  const sent = () => t.posts.flatMap((p) => p.batch) as Record<string, any>[];
  return { c, t, local, cookie, session, core, queue, sent, page };
}

describe('initialConsent', () => {
  it('is granted unless required or refused before', () => {
    expect(initialConsent(false, null)).toBe('granted');
    expect(initialConsent(true, null)).toBe('pending');
    expect(initialConsent(true, '1')).toBe('granted');
    expect(initialConsent(false, '0')).toBe('denied');
    expect(initialConsent(true, '0')).toBe('denied');
  });
});

describe('anonymous id', () => {
  it('is created once, kept in localStorage and reused on the next page', async () => {
    const a = setup();
    expect(a.core.aid).toBe('uuid-1');
    expect(a.local.getItem(AID)).toBe('uuid-1');
    expect(a.cookie.m.size).toBe(0);
    const b = setup({ local: a.local });
    expect(b.core.aid).toBe('uuid-1');
  });
  it('falls back to a cookie when localStorage does not work', () => {
    const a = setup({ localBroken: true });
    expect(a.cookie.getItem(AID)).toBe(a.core.aid);
    expect(setup({ localBroken: true, cookie: a.cookie }).core.aid).toBe(a.core.aid);
  });
});

describe('events', () => {
  it('a page view is Segment-shaped, with campaign and click ids', async () => {
    const { c, core, sent } = setup({ search: '?utm_source=linkedin&utm_medium=paid_social&utm_campaign=q4&li_fat_id=L1' });
    core.page();
    await c.advance(1000);
    const [e] = sent();
    expect(e).toMatchObject({
      type: 'page',
      anonymousId: 'uuid-1',
      messageId: 'uuid-2',
      timestamp: '2026-11-22T09:00:00.000Z',
      properties: { url: 'https://acme.example/pricing?utm_source=linkedin&utm_medium=paid_social&utm_campaign=q4&li_fat_id=L1', path: '/pricing', referrer: 'https://www.google.com/', title: 'Pricing', li_fat_id: 'L1' },
      context: {
        page: { path: '/pricing', referrer: 'https://www.google.com/', title: 'Pricing' },
        userAgent: 'UA',
        campaign: { source: 'linkedin', medium: 'paid_social', name: 'q4', li_fat_id: 'L1' },
      },
    });
    expect(e.userId).toBeUndefined();
  });
  it('every event has its own messageId; identify adds the userId to later events', async () => {
    const { c, core, sent, local } = setup();
    core.track('demo_booked', { plan: 'pro' });
    core.identify(' ana@acme.example ', { firstName: 'Ana' });
    core.track('webinar');
    core.track(''); // ignored
    await c.advance(1000);
    const evs = sent();
    expect(evs.map((e) => e.type)).toEqual(['track', 'identify', 'track']);
    expect(new Set(evs.map((e) => e.messageId)).size).toBe(3);
    expect(evs[0]).toMatchObject({ event: 'demo_booked', properties: { plan: 'pro' } });
    expect(evs[0].userId).toBeUndefined();
    expect(evs[1]).toMatchObject({ userId: 'ana@acme.example', traits: { email: 'ana@acme.example', firstName: 'Ana' } });
    expect(evs[2]).toMatchObject({ event: 'webinar', userId: 'ana@acme.example', anonymousId: 'uuid-1' });
    expect(local.getItem('lb_uid')).toBe('ana@acme.example');
  });
});

describe('consent required', () => {
  it('stores nothing and sends nothing until granted; then sends what was held, with the new id', async () => {
    const s = setup({ required: true });
    s.core.page();
    s.core.identify('bo@acme.example');
    s.queue.unload();
    await s.c.advance(10_000);
    expect(s.core.state).toBe('pending');
    expect(s.t.posts).toHaveLength(0);
    expect(s.t.beacons).toHaveLength(0);
    expect([s.local.m.size, s.cookie.m.size, s.session.m.size]).toEqual([0, 0, 0]);

    s.core.consent(true);
    await s.c.advance(0);
    expect(s.core.state).toBe('granted');
    expect(s.local.getItem(AID)).toBe(s.core.aid);
    expect(s.local.getItem(CONSENT)).toBe('1');
    expect(s.sent().map((e) => [e.type, e.anonymousId, e.userId])).toEqual([
      ['page', s.core.aid, 'bo@acme.example'],
      ['identify', s.core.aid, 'bo@acme.example'],
    ]);
    // The next page remembers the grant.
    expect(setup({ required: true, local: s.local }).core.state).toBe('granted');
  });
  it('consent false clears the ids, the queue and its storage, and drops later events', async () => {
    const s = setup();
    s.core.identify('cy@acme.example');
    s.core.page();
    expect(s.session.getItem('lb_q')).not.toBeNull();
    s.core.consent(false);
    s.core.track('after');
    await s.c.advance(10_000);
    expect(s.t.posts).toHaveLength(0);
    expect(s.core.aid).toBeNull();
    expect([...s.local.m]).toEqual([[CONSENT, '0']]);
    expect(s.session.m.size).toBe(0);
    // Remembered on the next page, until granted again, with a fresh id.
    const next = setup({ local: s.local });
    expect(next.core.state).toBe('denied');
    next.core.consent(true);
    expect(next.local.getItem(AID)).toBe(next.core.aid);
    expect(next.local.getItem(CONSENT)).toBeNull();
  });
  it('a refusal while pending sends nothing, ever', async () => {
    const s = setup({ required: true });
    s.core.page();
    s.core.consent(false);
    s.core.page();
    await s.c.advance(10_000);
    expect(s.t.posts).toHaveLength(0);
    expect(s.queue.q).toHaveLength(0);
    expect(s.cookie.m.size).toBe(0);
  });
});
