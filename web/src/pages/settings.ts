// Settings: workspace (tracking key), channels, channel rules, business areas, API keys and users
// (admin).
import { api, isAbort } from '../api';
import { announce, h, replace, uid } from '../dom';
import { errorMessage } from '../errors';
import { DASH, enumLabel, formatDate, formatMoney, ROLES } from '../format';
import { field, formError, onSubmit, value } from '../forms';
import { loading, page } from '../layout';
import { buildPatch, toJsonValue, type FieldKind } from '../patch';
import type { RouteContext } from '../router';
import { navigate } from '../router';
import { fetchAll, isAdmin, lookups } from '../state';
import type { ApiKey, BusinessArea, Channel, User, Workspace } from '../types';
import { channelRulesTab } from './channel_rules';

const TABS = [
  { key: 'workspace', label: 'Workspace', admin: false },
  { key: 'channels', label: 'Channels', admin: false },
  { key: 'channel-rules', label: 'Channel rules', admin: false },
  { key: 'business-areas', label: 'Business areas', admin: false },
  { key: 'api-keys', label: 'API keys', admin: true },
  { key: 'users', label: 'Users', admin: true },
];

function success(target: HTMLElement, message: string): void {
  replace(target, h('p', { class: 'alert alert-success', role: 'status' }, message));
  announce(message);
}

function errorBlock(err: unknown): HTMLElement {
  return h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err));
}

async function workspaceTab(content: HTMLElement): Promise<void> {
  const ws = await api.get<Workspace>('/api/v1/workspace');
  const kinds: Record<string, FieldKind> = {
    name: 'text',
    currency: 'text',
    timezone: 'text',
    mql_threshold: 'int',
    sql_deadline_days: 'int',
  };
  const status = h('div');
  const form = h(
    'form',
    { 'aria-label': 'Workspace settings' },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: 'Workspace name', value: ws.name, required: true }),
      field({ name: 'currency', label: 'Currency', value: ws.currency, hint: 'ISO 4217 code, e.g. DKK' }),
      field({ name: 'timezone', label: 'Time zone', value: ws.timezone, hint: 'e.g. Europe/Copenhagen' }),
      field({ name: 'mql_threshold', label: 'MQL threshold', value: ws.mql_threshold, hint: 'Score (0–100) at which a lead becomes an MQL', attrs: { inputmode: 'numeric' } }),
      field({ name: 'sql_deadline_days', label: 'SQL deadline (days)', value: ws.sql_deadline_days, hint: 'Days sales has to qualify an accepted lead', attrs: { inputmode: 'numeric' } }),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save workspace')),
  );
  onSubmit(form, async () => {
    const edited = Object.fromEntries(Object.keys(kinds).map((k) => [k, value(form, k)]));
    const patch = buildPatch(ws as unknown as Record<string, unknown>, edited, kinds);
    if (Object.keys(patch).length === 0) return success(status, 'Nothing to save.');
    Object.assign(ws, await api.patch<Workspace>('/api/v1/workspace', patch));
    lookups.invalidate('workspace');
    success(status, 'Workspace saved.');
  });
  const collectUrl = `${location.origin}/collect?key=${encodeURIComponent(ws.tracking_key ?? '')}`;
  replace(
    content,
    status,
    h('section', { class: 'card', 'aria-labelledby': 'ws-title' }, h('h2', { id: 'ws-title' }, 'Workspace'), form),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'tk-title' },
      h('h2', { id: 'tk-title' }, 'Tracking'),
      h('p', null, 'The tracking key authorises the website snippet and forms to send events to ', h('code', null, '/collect'), '. It is public, not a secret.'),
      h('div', { class: 'field' }, h('span', { class: 'label' }, 'Tracking key'), h('code', { class: 'secret', 'data-testid': 'tracking-key' }, ws.tracking_key || DASH)),
      h(
        'div',
        { class: 'field' },
        h('span', { class: 'label' }, 'Collect endpoint'),
        h('pre', { class: 'code' }, collectUrl),
        h('p', { class: 'hint' }, 'POST Segment-style events (page, track, identify) here, or send the key as "writeKey" in the body.'),
      ),
    ),
  );
}

interface KeyedTabOptions<T extends { key: string; name: string }> {
  title: string;
  path: string;
  cacheKey: 'channels' | 'areas';
  columns: { name: string; label: string; kind: FieldKind; choices?: readonly (readonly [string, string])[]; show: (item: T) => string }[];
}

async function keyedTab<T extends { key: string; name: string }>(content: HTMLElement, opts: KeyedTabOptions<T>): Promise<void> {
  const items = await fetchAll<T>(opts.path);
  const status = h('div');
  const kinds: Record<string, FieldKind> = Object.fromEntries(opts.columns.map((c) => [c.name, c.kind]));

  const rowForm = (item: T) => {
    const form = h(
      'form',
      { class: 'row-form', 'aria-label': `${item.name || item.key}`, 'data-key': item.key },
      h('div', { class: 'row-key' }, h('code', null, item.key)),
      opts.columns.map((col) =>
        field({
          name: col.name,
          label: col.label,
          value: (item as unknown as Record<string, string | number | null>)[col.name],
          choices: col.choices,
        }),
      ),
      h('div', { class: 'row-actions' }, h('button', { type: 'submit', class: 'btn btn-secondary' }, 'Save')),
      formError(),
    );
    onSubmit(form, async () => {
      const edited = Object.fromEntries(opts.columns.map((c) => [c.name, value(form, c.name)]));
      const patch = buildPatch(item as unknown as Record<string, unknown>, edited, kinds);
      if (Object.keys(patch).length === 0) return success(status, 'Nothing to save.');
      const saved = await api.patch<T>(`${opts.path}/${encodeURIComponent(item.key)}`, patch);
      Object.assign(item, saved);
      lookups.invalidate(opts.cacheKey);
      success(status, `${saved.name || saved.key} saved.`);
    });
    return h('li', null, form);
  };

  const list = h('ul', { class: 'row-list' }, items.map(rowForm));
  const addForm = h(
    'form',
    { 'aria-label': `Add ${opts.title.toLowerCase()}` },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'key', label: 'Key', required: true, hint: 'Lowercase slug, e.g. trade-fair' }),
      opts.columns.map((col) => field({ name: col.name, label: col.label, choices: col.choices, required: col.name === 'name' })),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add')),
  );
  onSubmit(addForm, async () => {
    const body: Record<string, unknown> = { key: value(addForm, 'key') };
    for (const col of opts.columns) {
      const v = toJsonValue(col.kind, value(addForm, col.name));
      if (v !== null) body[col.name] = v;
    }
    const created = await api.post<T>(opts.path, body);
    items.push(created);
    list.append(rowForm(created));
    addForm.reset();
    lookups.invalidate(opts.cacheKey);
    success(status, `${created.name || created.key} added.`);
  });
  replace(
    content,
    status,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title' }, opts.title),
      items.length ? list : h('p', { class: 'muted' }, 'None yet.'),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'add-title' }, h('h2', { id: 'add-title' }, `Add`), addForm),
  );
}

async function apiKeysTab(content: HTMLElement): Promise<void> {
  const keys = await fetchAll<ApiKey>('/api/v1/api-keys');
  const secretBox = h('div');
  const tbody = h('tbody');
  const tableError = h('div');
  const row = (key: ApiKey): HTMLElement => {
    const revoked = Boolean(key.revoked_at);
    const revoke = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'aria-label': `Revoke ${key.name || key.prefix || key.id}` }, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (!window.confirm(`Revoke the API key "${key.name || key.prefix}"? Scripts using it stop working.`)) return;
      revoke.disabled = true;
      try {
        await api.del(`/api/v1/api-keys/${encodeURIComponent(String(key.id))}`);
        key.revoked_at = new Date().toISOString();
        tr.replaceWith(row(key));
        success(tableError, `API key ${key.name || key.prefix} revoked.`);
      } catch (err) {
        revoke.disabled = false;
        replace(tableError, errorBlock(err));
      }
    });
    const tr = h(
      'tr',
      { 'data-key-id': String(key.id) },
      h('th', { scope: 'row' }, key.name || DASH),
      h('td', null, enumLabel(key.role)),
      h('td', null, key.prefix ? h('code', null, `${key.prefix}…`) : DASH),
      h('td', null, formatDate(key.created_at)),
      h('td', null, revoked ? h('span', { class: 'badge badge-muted' }, `Revoked ${formatDate(key.revoked_at)}`) : h('span', { class: 'badge badge-ok' }, 'Active')),
      h('td', null, revoked ? '' : revoke),
    );
    return tr;
  };
  keys.forEach((k) => tbody.append(row(k)));

  const form = h(
    'form',
    { 'aria-label': 'Create API key' },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: 'Name', required: true, placeholder: 'e.g. CRM sync' }),
      field({ name: 'role', label: 'Role', value: 'tracking', choices: ROLES.map((r) => [r, enumLabel(r)] as const) }),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create API key')),
  );
  onSubmit(form, async () => {
    // The key's fields with `secret`, or {key, secret}: both are read.
    const reply = await api.post<(ApiKey & { secret: string }) | { key: ApiKey; secret: string }>(
      '/api/v1/api-keys',
      { name: value(form, 'name'), role: value(form, 'role') },
    );
    const result = { key: 'key' in reply && typeof reply.key === 'object' ? reply.key : (reply as ApiKey), secret: reply.secret };
    tbody.prepend(row(result.key));
    form.reset();
    const code = h('code', { class: 'secret', id: 'new-secret' }, result.secret);
    const copy = h('button', { type: 'button', class: 'btn btn-secondary btn-small' }, 'Copy');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(result.secret);
        copy.textContent = 'Copied';
      } catch {
        const range = document.createRange();
        range.selectNodeContents(code);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    });
    const box = h(
      'div',
      { class: 'alert alert-secret', role: 'status', tabindex: '-1' },
      h('p', null, h('strong', null, `API key "${result.key.name}" created. `), 'Copy the secret now: it is shown only this once.'),
      h('div', { class: 'secret-row' }, code, copy),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => replace(secretBox) }, 'I have stored it — hide'),
    );
    replace(secretBox, box);
    box.focus();
  });

  replace(
    content,
    secretBox,
    h('section', { class: 'card', 'aria-labelledby': 'newkey-title' }, h('h2', { id: 'newkey-title' }, 'New API key'), form),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'keys-title' },
      h('h2', { id: 'keys-title' }, 'API keys'),
      tableError,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table' },
          h('caption', { class: 'visually-hidden' }, 'API keys'),
          h('thead', null, h('tr', null, ['Name', 'Role', 'Key', 'Created', 'Status', ''].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, 'Actions'))))),
          tbody,
        ),
      ),
    ),
  );
}

async function usersTab(content: HTMLElement): Promise<void> {
  const users = await fetchAll<User>('/api/v1/users');
  const status = h('div');
  const tbody = h('tbody');
  const row = (u: User) =>
    h('tr', null, h('th', { scope: 'row' }, u.name || DASH), h('td', null, u.email), h('td', null, enumLabel(u.role)));
  users.forEach((u) => tbody.append(row(u)));
  const form = h(
    'form',
    { 'aria-label': 'Add user' },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'email', label: 'E-mail', type: 'email', required: true, autocomplete: 'off' }),
      field({ name: 'name', label: 'Name', required: true, autocomplete: 'off' }),
      field({ name: 'role', label: 'Role', value: 'sales', choices: ROLES.filter((r) => r !== 'tracking').map((r) => [r, enumLabel(r)] as const) }),
      field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', required: true }),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add user')),
  );
  onSubmit(form, async () => {
    const created = await api.post<User>('/api/v1/users', {
      email: value(form, 'email'),
      name: value(form, 'name'),
      role: value(form, 'role'),
      password: (form.elements.namedItem('password') as HTMLInputElement).value,
    });
    tbody.append(row(created));
    form.reset();
    lookups.invalidate('users');
    success(status, `${created.email} added.`);
  });
  replace(
    content,
    status,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'users-title' },
      h('h2', { id: 'users-title' }, 'Users'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table' },
          h('caption', { class: 'visually-hidden' }, 'Users'),
          h('thead', null, h('tr', null, ['Name', 'E-mail', 'Role'].map((t) => h('th', { scope: 'col' }, t)))),
          tbody,
        ),
      ),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'adduser-title' }, h('h2', { id: 'adduser-title' }, 'Add user'), form),
  );
}

export async function renderSettings(ctx: RouteContext): Promise<void> {
  const tabs = TABS.filter((t) => !t.admin || isAdmin());
  const tab = ctx.params.tab ?? 'workspace';
  const current = tabs.find((t) => t.key === tab);
  if (!current) {
    navigate('/settings', { replace: true });
    return;
  }
  const content = page({ section: 'settings', title: 'Settings', subtitle: current.label });
  const body = h('div', { class: 'settings-body', id: uid('settings') }, loading());
  replace(
    content,
    h(
      'div',
      { class: 'settings-layout' },
      h(
        'nav',
        { class: 'subnav', 'aria-label': 'Settings sections' },
        h(
          'ul',
          null,
          tabs.map((t) =>
            h('li', null, h('a', { href: t.key === 'workspace' ? '/settings' : `/settings/${t.key}`, 'aria-current': t.key === tab ? 'page' : undefined }, t.label)),
          ),
        ),
      ),
      body,
    ),
  );
  try {
    if (tab === 'workspace') await workspaceTab(body);
    else if (tab === 'channels')
      await keyedTab<Channel>(body, {
        title: 'Channels',
        path: '/api/v1/channels',
        cacheKey: 'channels',
        columns: [
          { name: 'name', label: 'Name', kind: 'text', show: (c) => c.name },
          { name: 'kind', label: 'Kind', kind: 'text', choices: [['online', 'Online'], ['offline', 'Offline']], show: (c) => enumLabel(c.kind) },
        ],
      });
    else if (tab === 'business-areas')
      await keyedTab<BusinessArea>(body, {
        title: 'Business areas',
        path: '/api/v1/business-areas',
        cacheKey: 'areas',
        columns: [
          { name: 'name', label: 'Name', kind: 'text', show: (a) => a.name },
          { name: 'average_deal_value', label: 'Average deal value', kind: 'money', show: (a) => formatMoney(a.average_deal_value) },
        ],
      });
    else if (tab === 'channel-rules') await channelRulesTab(body);
    else if (tab === 'api-keys') await apiKeysTab(body);
    else if (tab === 'users') await usersTab(body);
  } catch (err) {
    if (!isAbort(err) && body.isConnected) replace(body, errorBlock(err));
  }
}
