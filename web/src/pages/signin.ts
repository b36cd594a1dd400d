// Sign-in page: e-mail and password; the API's error message is shown on failure.
import { api } from '../api';
import { h, replace } from '../dom';
import { field, formError, onSubmit, value } from '../forms';
import { navigate } from '../router';
import { lookups, session } from '../state';
import type { User } from '../types';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/signin')) return '/leads';
  return next;
}

export function renderSignIn(query: URLSearchParams): void {
  document.title = 'Sign in · Leadbase';
  const form = h(
    'form',
    { class: 'stack', 'aria-labelledby': 'signin-title' },
    formError(),
    field({ name: 'email', label: 'E-mail', type: 'email', autocomplete: 'username', required: true }),
    field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Sign in'),
  );
  onSubmit(form, async () => {
    const user = await api.post<User>('/api/v1/session', {
      email: value(form, 'email'),
      password: (form.elements.namedItem('password') as HTMLInputElement).value,
    });
    session.user = user;
    lookups.invalidate();
    navigate(safeNext(query.get('next')), { replace: true });
  });
  const app = document.getElementById('app')!;
  replace(
    app,
    h(
      'main',
      { id: 'main', class: 'signin' },
      h(
        'div',
        { class: 'signin-card card' },
        h('div', { class: 'brand brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'L'), 'Leadbase'),
        h('h1', { id: 'signin-title' }, 'Sign in'),
        h('p', { class: 'muted' }, 'Track, score and follow up your leads.'),
        form,
      ),
    ),
  );
  (form.elements.namedItem('email') as HTMLInputElement).focus();
}
