// lb.js: the Leadbase browser snippet. Wires the core to the page: configuration from the
// <script data-key> tag, transport (fetch keepalive, sendBeacon), automatic page views (also
// History-API navigations), form submissions and file downloads. Never throws into the page.
import { Core, type Props } from './core';
import { Queue } from './queue';
import { cookieKV, uuid, type KV } from './store';

type Fn = (...a: unknown[]) => unknown;
type Lb = Fn & { q?: ArrayLike<unknown>[]; l?: number };

const safe =
  <F extends Fn>(f: F) =>
  (...a: unknown[]) => {
    try {
      return f(...a);
    } catch {
      return undefined; // Never into the host page.
    }
  };

/** Fields whose names say they are secret are never captured, whatever their type. */
const SECRET = /pass|pwd|secret|token|csrf|captcha|card|cc-|cvc|cvv|iban|ssn|social.?sec/i;
const DOWNLOAD = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|txt|zip|rar|7z|gz|tgz|epub|mp3|mp4|mov|dmg|exe|msi|pkg)$/i;

function main(): void {
  const w = window as unknown as { lb?: Lb } & Window;
  if (w.lb && w.lb.l) return; // Included twice.
  const d = document;
  const n = navigator;
  const loc = location;
  const s = (d.currentScript || d.querySelector('script[data-key]')) as HTMLScriptElement | null;
  const data = (s && s.dataset) || {};
  const key = data.key || '';
  const endpoint = new URL(data.endpoint || '/collect', (s && s.src) || loc.href).href;
  const url = endpoint + (endpoint.includes('?') ? '&' : '?') + 'key=' + encodeURIComponent(key);
  const get = (f: () => KV): KV | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  const stores = [get(() => w.localStorage), cookieKV(d, loc.protocol == 'https:')];
  const post = (body: string) =>
    fetch(url, {
      method: 'POST',
      body,
      keepalive: body.length < 60000,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' },
    }).then(
      (r) => r.status,
      () => 0,
    );

  const queue = new Queue({
    post,
    beacon: (body) => (n.sendBeacon ? n.sendBeacon(url, body) : (post(body), true)),
    wrap: (batch) => JSON.stringify({ batch, writeKey: key, sentAt: new Date().toISOString() }),
    timer: (f, ms) => setTimeout(safe(f), ms),
    now: Date.now,
    store: get(() => w.sessionStorage),
  });

  const here = () => loc.href.split('#')[0];
  let last = here();
  let referrer = d.referrer;
  const core = new Core(
    {
      stores,
      uuid: () => uuid(crypto, Date.now()),
      now: Date.now,
      context: () => ({
        page: { url: loc.href, referrer, title: d.title, path: loc.pathname, search: loc.search },
        userAgent: n.userAgent,
        locale: n.language,
        library: { name: 'lb.js', version: '1' },
      }),
    },
    queue,
    data.consent == 'required',
  );

  // Single-page apps: a History-API navigation to another URL is a page view.
  const nav = safe(() => {
    const u = here();
    if (u != last) {
      referrer = last;
      last = u;
      core.page();
    }
  });
  const h = history as unknown as Record<string, Fn>;
  for (const m of ['pushState', 'replaceState']) {
    const orig = h[m];
    h[m] = function (this: unknown, ...a: unknown[]) {
      const r = orig.apply(this, a);
      setTimeout(nav);
      return r;
    };
  }
  w.addEventListener('popstate', () => setTimeout(nav));
  // Back/forward cache: the page is shown again without loading.
  w.addEventListener('pageshow', (e) => e.persisted && core.page());

  // Forms: the non-secret fields; an e-mail field identifies the visitor.
  d.addEventListener(
    'submit',
    safe((ev) => {
      const f = (ev as Event).target as HTMLFormElement;
      if (!f || !f.elements || f.closest('[data-lb-ignore]')) return;
      const fields: Props = {};
      let email = '';
      for (const el of Array.from(f.elements) as HTMLInputElement[]) {
        const name = el.name || el.id;
        const type = (el.type || '').toLowerCase();
        const v = String(el.value || '').trim().slice(0, 500);
        if (
          !name ||
          !v ||
          el.closest('[data-lb-ignore]') ||
          /^(password|hidden|file|submit|button|reset|image)$/.test(type) ||
          SECRET.test(name + ' ' + (el.autocomplete || '')) ||
          (/^(checkbox|radio)$/.test(type) && !el.checked)
        )
          continue;
        fields[name] = v;
        if (!email && (type == 'email' || /e-?mail/i.test(name)) && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) email = v;
      }
      if (email) core.identify(email);
      const attr = (a: string) => f.getAttribute(a) || undefined;
      core.track('form_submitted', { form_id: attr('id'), form_name: attr('name'), action: attr('action'), fields });
      queue.flush();
    }),
    true,
  );

  // File downloads: links to documents and archives, or with a download attribute.
  const click = safe((ev) => {
    const t = (ev as Event).target as Element;
    const a = t && t.closest && (t.closest('a[href]') as HTMLAnchorElement | null);
    if (!a || a.closest('[data-lb-ignore]')) return;
    const u = new URL(a.href, loc.href);
    const m = u.pathname.match(DOWNLOAD);
    if (!m && !a.hasAttribute('download')) return;
    core.track('file_download', {
      url: u.href,
      file: u.pathname.split('/').pop(),
      ext: m ? m[1].toLowerCase() : undefined,
      text: (a.textContent || '').trim().slice(0, 200),
    });
    queue.flush();
  });
  d.addEventListener('click', click, true);
  d.addEventListener('auxclick', click, true);

  // Leaving: hand the queue to sendBeacon.
  const hide = safe(() => queue.unload());
  w.addEventListener('pagehide', hide);
  d.addEventListener('visibilitychange', () => d.visibilityState == 'hidden' && hide());

  const lb: Lb = safe((cmd, a, b) => {
    if (cmd == 'track') core.track(a, b as Props);
    else if (cmd == 'identify') core.identify(a, b as Props);
    else if (cmd == 'page') core.page(a as Props);
    else if (cmd == 'consent') core.consent(!!a);
    else if (cmd == 'flush') queue.flush();
  });
  lb.l = 1;
  const pending = (w.lb && w.lb.q) || [];
  w.lb = lb;
  core.page();
  for (const args of Array.from(pending)) lb(...Array.from(args));
}

safe(main)();
