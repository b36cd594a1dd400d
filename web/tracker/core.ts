// The tracker without the DOM: consent state, the anonymous and user ids, and building
// Segment-shaped events into the queue. lb.ts wires it to the page.
import { parseCampaign } from './campaign';
import type { Queue } from './queue';
import { read, remove, write, type KV } from './store';

export type Props = Record<string, unknown>;
export type Consent = 'granted' | 'pending' | 'denied';

export interface PageContext {
  page: { url: string; referrer: string; title: string; path: string; search: string };
  [k: string]: unknown;
}

export interface CoreEnv {
  /** Where ids and the consent decision live: [localStorage, cookie jar]; the first that works wins. */
  stores: (KV | null)[];
  uuid(): string;
  now(): number;
  /** The current page's context (url, referrer, title, path, search, userAgent). */
  context(): PageContext;
}

export const AID = 'lb_aid';
export const UID = 'lb_uid';
export const CONSENT = 'lb_consent';

/**
 * Consent: without `required`, tracking is granted unless the visitor opted out before
 * (stored "0"). With `required`, it is pending until granted: events are held in memory only,
 * nothing is stored and nothing is sent. Denying clears the ids and the queue and remembers
 * the "0" (which identifies nobody).
 */
export function initialConsent(required: boolean, stored: string | null): Consent {
  return stored == '1' ? 'granted' : stored == '0' ? 'denied' : required ? 'pending' : 'granted';
}

export class Core {
  state: Consent;
  aid: string | null = null;
  uid: string | null = null;

  constructor(
    private env: CoreEnv,
    public queue: Queue,
    private required: boolean,
  ) {
    this.state = initialConsent(required, read(env.stores, CONSENT));
    if (this.state == 'granted') this.start();
  }

  /** Loads or creates the anonymous id, and lets the queue store and send. */
  private start(): void {
    const s = this.env.stores;
    this.aid = read(s, AID) || this.env.uuid();
    write(s, AID, this.aid);
    this.uid = this.uid || read(s, UID);
    if (this.uid) write(s, UID, this.uid);
    for (const e of this.queue.q) {
      e.anonymousId = this.aid;
      if (this.uid && !e.userId) e.userId = this.uid;
    }
    this.queue.enable();
  }

  consent(grant: boolean): void {
    const s = this.env.stores;
    if (grant) {
      if (this.state == 'granted') return;
      this.state = 'granted';
      if (this.required) write(s, CONSENT, '1');
      else remove(s, CONSENT);
      this.start();
    } else {
      this.state = 'denied';
      this.aid = this.uid = null;
      remove(s, AID);
      remove(s, UID);
      write(s, CONSENT, '0');
      this.queue.clear();
    }
  }

  event(type: string, fields: Props): void {
    if (this.state == 'denied') return;
    const ctx = this.env.context();
    const { campaign, clicks } = parseCampaign(ctx.page.search);
    if (campaign || clicks) ctx.campaign = { ...campaign, ...clicks };
    const props = fields.properties as Props | undefined;
    this.queue.push({
      type,
      messageId: this.env.uuid(),
      timestamp: new Date(this.env.now()).toISOString(),
      anonymousId: this.aid || undefined,
      userId: this.uid || undefined,
      context: ctx,
      ...fields,
      properties: clicks ? { ...clicks, ...props } : props,
    });
  }

  page(props?: Props): void {
    const { url, path, referrer, title, search } = this.env.context().page;
    this.event('page', { properties: { url, path, referrer, title, search, ...props } });
  }

  track(name: unknown, props?: Props): void {
    if (name) this.event('track', { event: String(name).slice(0, 200), properties: { ...props } });
  }

  /** identify(email or user id, traits): later events carry the userId too. */
  identify(id: unknown, traits?: Props): void {
    const uid = String(id || '').trim().slice(0, 320);
    if (!uid) return;
    this.uid = uid;
    if (this.state == 'granted') write(this.env.stores, UID, uid);
    const t: Props = { ...traits };
    if (uid.includes('@')) t.email = uid;
    this.event('identify', { userId: uid, traits: t });
  }
}
