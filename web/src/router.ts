// A tiny History-API router: patterns like "/leads/:id", links intercepted, one page at a time.

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  path: string;
  /** Aborted when the user navigates away; pass it to fetches. */
  signal: AbortSignal;
}

export type RouteHandler = (ctx: RouteContext) => void | Promise<void>;

interface Route {
  regex: RegExp;
  keys: string[];
  handler: RouteHandler;
}

const routes: Route[] = [];
let notFound: RouteHandler = () => {};
let current: AbortController | null = null;

/** Compiles "/leads/:id" to a RegExp with one group per parameter. */
export function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), keys };
}

export function route(pattern: string, handler: RouteHandler): void {
  routes.push({ ...compile(pattern), handler });
}

export function fallback(handler: RouteHandler): void {
  notFound = handler;
}

export function navigate(url: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void render();
}

export async function render(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  for (const r of routes) {
    const match = r.regex.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
    await r.handler({ params, query, path, signal: controller.signal });
    return;
  }
  await notFound({ params: {}, query, path, signal: controller.signal });
}

export function start(): void {
  window.addEventListener('popstate', () => void render());
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    if (/^\/(api|healthz|collect|forms)(\/|$)/.test(url.pathname)) return;
    event.preventDefault();
    if (url.pathname + url.search === location.pathname + location.search) return;
    navigate(url.pathname + url.search + url.hash);
  });
  void render();
}
