// The page frame: top navigation with the signed-in user and sign-out, and the main region.
import { api } from './api';
import { h, replace } from './dom';
import { navigate } from './router';
import { lookups, session } from './state';

const NAV = [
  { href: '/leads', label: 'Leads', section: 'leads' },
  { href: '/companies', label: 'Companies', section: 'companies' },
  { href: '/scoring', label: 'Scoring', section: 'scoring' },
  { href: '/settings', label: 'Settings', section: 'settings' },
];

export async function signOut(): Promise<void> {
  try {
    await api.del('/api/v1/session');
  } catch {
    // Signed out locally either way.
  }
  session.user = null;
  lookups.invalidate();
  navigate('/signin', { replace: true });
}

function header(section: string): HTMLElement {
  const user = session.user;
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h('a', { class: 'brand', href: '/leads' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'L'), 'Leadbase'),
      h(
        'nav',
        { 'aria-label': 'Main' },
        h(
          'ul',
          { class: 'nav' },
          NAV.map((item) =>
            h(
              'li',
              null,
              h('a', { href: item.href, 'aria-current': item.section === section ? 'page' : undefined }, item.label),
            ),
          ),
        ),
      ),
      user
        ? h(
            'div',
            { class: 'user-menu' },
            h(
              'span',
              { class: 'user-name', title: user.email },
              user.name || user.email,
              h('span', { class: 'role-badge' }, user.role),
            ),
            h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => void signOut() }, 'Sign out'),
          )
        : null,
    ),
  );
}

/**
 * Renders the frame for a signed-in page and returns its content element. `title` becomes the
 * document title and the (focused) h1; `actions` go beside the h1.
 */
export function page(opts: {
  section: string;
  title: string;
  subtitle?: Node | string | null;
  actions?: Node | null;
  breadcrumb?: Node | null;
}): HTMLElement {
  document.title = `${opts.title} · Leadbase`;
  const app = document.getElementById('app')!;
  const heading = h('h1', { tabindex: '-1' }, opts.title);
  const content = h('div', { class: 'content' });
  replace(
    app,
    header(opts.section),
    h(
      'main',
      { id: 'main', class: 'main' },
      opts.breadcrumb ?? null,
      h(
        'div',
        { class: 'page-head' },
        h('div', null, heading, opts.subtitle ? h('p', { class: 'subtitle' }, opts.subtitle) : null),
        opts.actions ?? null,
      ),
      content,
    ),
  );
  heading.focus({ preventScroll: true });
  return content;
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, 'Loading…');
}
