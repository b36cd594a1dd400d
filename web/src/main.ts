// Entry point: checks the session, wires the routes and starts the router.
import './styles.css';
import { api, ApiError, setUnauthorizedHandler } from './api';
import { h, replace } from './dom';
import { errorMessage } from './errors';
import { page } from './layout';
import { renderCompanies, renderCompany } from './pages/companies';
import { renderLead } from './pages/lead';
import { renderLeads } from './pages/leads';
import { renderScoring } from './pages/scoring';
import { renderSettings } from './pages/settings';
import { renderSignIn } from './pages/signin';
import { fallback, navigate, route, start, type RouteContext, type RouteHandler } from './router';
import { session, userFromMe } from './state';

function goToSignIn(): void {
  const here = location.pathname + location.search;
  session.user = null;
  navigate(here.startsWith('/signin') ? here : `/signin?next=${encodeURIComponent(here)}`, { replace: true });
}

setUnauthorizedHandler(() => {
  if (session.user) goToSignIn();
});

/** Wraps a page that needs a signed-in user: loads /me once, else goes to sign-in. */
function signedIn(handler: RouteHandler): RouteHandler {
  return async (ctx: RouteContext) => {
    if (!session.user) {
      try {
        session.user = userFromMe(await api.get<unknown>('/api/v1/me'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          goToSignIn();
          return;
        }
        const app = document.getElementById('app')!;
        replace(
          app,
          h(
            'main',
            { id: 'main', class: 'signin' },
            h('div', { class: 'card signin-card' }, h('h1', null, 'Leadbase is not reachable'), h('p', { role: 'alert' }, errorMessage(err)), h('button', { type: 'button', class: 'btn btn-primary', onclick: () => location.reload() }, 'Try again')),
          ),
        );
        return;
      }
    }
    await handler(ctx);
  };
}

route('/', () => navigate('/leads', { replace: true }));
route('/signin', (ctx) => renderSignIn(ctx.query));
route('/leads', signedIn(renderLeads));
route('/leads/:id', signedIn(renderLead));
route('/companies', signedIn(renderCompanies));
route('/companies/:id', signedIn(renderCompany));
route('/scoring', signedIn(renderScoring));
route('/settings', signedIn(renderSettings));
route('/settings/:tab', signedIn(renderSettings));
fallback(
  signedIn(() => {
    const content = page({ section: '', title: 'Page not found' });
    content.append(h('p', null, 'There is nothing at this address. ', h('a', { href: '/leads' }, 'Go to the leads.')));
  }),
);

start();
