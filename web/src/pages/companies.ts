// Companies: a searchable list paged by cursor, and a company's detail with an edit form.
import { api, isAbort } from '../api';
import { h, replace } from '../dom';
import { errorMessage } from '../errors';
import { CUSTOMER_STATUSES, DASH, enumLabel, formatDateTime, formatMoney, formatNumber } from '../format';
import { field, formError, onSubmit, value } from '../forms';
import { loading, page } from '../layout';
import { buildPatch, type FieldKind } from '../patch';
import { buildQuery } from '../query';
import type { RouteContext } from '../router';
import { navigate } from '../router';
import { lookups } from '../state';
import type { Company, Page } from '../types';
import { dl } from './fields';

const PAGE_SIZE = 50;

const COMPANY_KINDS: Record<string, FieldKind> = {
  name: 'text',
  domain: 'nullable',
  industry: 'nullable',
  employees: 'int',
  annual_revenue: 'money',
  country: 'nullable',
  customer_status: 'text',
};

function companyFields(c: Partial<Company>, currency: string): HTMLElement {
  return h(
    'div',
    { class: 'form-grid' },
    field({ name: 'name', label: 'Name', value: c.name, required: true }),
    field({ name: 'domain', label: 'Domain', value: c.domain, placeholder: 'example.com' }),
    field({ name: 'industry', label: 'Industry', value: c.industry }),
    field({ name: 'employees', label: 'Employees', value: c.employees, attrs: { inputmode: 'numeric' } }),
    field({ name: 'annual_revenue', label: `Annual revenue${currency ? ` (${currency})` : ''}`, value: c.annual_revenue, attrs: { inputmode: 'decimal' } }),
    field({ name: 'country', label: 'Country', value: c.country, placeholder: 'DK', hint: 'Two-letter ISO code' }),
    field({
      name: 'customer_status',
      label: 'Customer status',
      value: c.customer_status ?? 'prospect',
      choices: CUSTOMER_STATUSES.map((s) => [s, enumLabel(s)] as const),
    }),
  );
}

export async function renderCompanies(ctx: RouteContext): Promise<void> {
  const q = ctx.query.get('q') ?? '';
  const newButton = h('button', { type: 'button', class: 'btn btn-primary' }, 'New company');
  const content = page({ section: 'companies', title: 'Companies', actions: newButton });
  const currency = (await lookups.workspace().catch(() => null))?.currency ?? '';
  if (ctx.signal.aborted) return;

  const createBox = h('div', { hidden: true });
  newButton.addEventListener('click', () => {
    const form = h(
      'form',
      { class: 'card', 'aria-label': 'New company' },
      h('h2', null, 'New company'),
      formError(),
      companyFields({}, currency),
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create company'),
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => (createBox.hidden = true) }, 'Cancel'),
      ),
    );
    onSubmit(form, async () => {
      const body = buildPatch({}, Object.fromEntries(Object.keys(COMPANY_KINDS).map((k) => [k, value(form, k)])), COMPANY_KINDS);
      const created = await api.post<Company>('/api/v1/companies', body);
      navigate(`/companies/${encodeURIComponent(String(created.id))}`);
    });
    replace(createBox, form);
    createBox.hidden = false;
    form.querySelector<HTMLInputElement>('input')?.focus();
  });

  const search = h('input', { id: 'company-q', name: 'q', type: 'search', value: q, placeholder: 'Name or domain', autocomplete: 'off' });
  const searchForm = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Search companies' },
    h('div', { class: 'filter filter-wide' }, h('label', { for: 'company-q' }, 'Search'), search),
    h('div', { class: 'filter filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search')),
  );
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`/companies${buildQuery({ q: search.value })}`);
  });

  const summary = h('p', { class: 'result-summary', role: 'status' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'btn btn-secondary', hidden: true }, 'Load more');
  const errorBox = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  let cursor: string | null = null;
  let count = 0;
  const load = async () => {
    more.disabled = true;
    try {
      const result = await api.get<Page<Company>>(`/api/v1/companies${buildQuery({ q, limit: PAGE_SIZE, cursor })}`, ctx.signal);
      for (const c of result.items) {
        tbody.append(
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, h('a', { href: `/companies/${encodeURIComponent(String(c.id))}` }, c.name || DASH)),
            h('td', null, c.domain || DASH),
            h('td', null, c.industry || DASH),
            h('td', { class: 'num' }, formatNumber(c.employees)),
            h('td', { class: 'num' }, formatMoney(c.annual_revenue, currency)),
            h('td', null, c.country || DASH),
            h('td', null, h('span', { class: `badge status-${c.customer_status}` }, enumLabel(c.customer_status))),
          ),
        );
      }
      count += result.items.length;
      cursor = result.next_cursor;
      more.hidden = !cursor;
      summary.textContent = count === 0 ? 'No companies found.' : `Showing ${count} compan${count === 1 ? 'y' : 'ies'}${cursor ? ' — more available' : ''}.`;
    } catch (err) {
      if (isAbort(err)) return;
      errorBox.textContent = errorMessage(err);
      errorBox.hidden = false;
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  replace(
    content,
    createBox,
    searchForm,
    summary,
    errorBox,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Companies'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Name', 'Domain', 'Industry', 'Employees', 'Annual revenue', 'Country', 'Status'].map((t) =>
              h('th', { scope: 'col', class: t === 'Employees' || t === 'Annual revenue' ? 'num' : undefined }, t),
            ),
          ),
        ),
        tbody,
      ),
    ),
    h('div', { class: 'load-more' }, more),
  );
  await load();
}

export async function renderCompany(ctx: RouteContext): Promise<void> {
  const id = ctx.params.id;
  let content = page({ section: 'companies', title: 'Company' });
  content.append(loading());
  let company: Company;
  let currency = '';
  try {
    const [c, w] = await Promise.all([
      api.get<Company>(`/api/v1/companies/${encodeURIComponent(id)}`, ctx.signal),
      lookups.workspace().catch(() => null),
    ]);
    company = c;
    currency = w?.currency ?? '';
  } catch (err) {
    if (isAbort(err)) return;
    replace(content, h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err)));
    return;
  }
  const draw = (c: Company, message?: string) => {
    content = page({
      section: 'companies',
      title: c.name || 'Company',
      subtitle: [c.domain, c.industry, c.country].filter(Boolean).join(' · ') || null,
      breadcrumb: h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('a', { href: '/companies' }, '← Companies')),
    });
    const form = h(
      'form',
      { 'aria-label': 'Edit company' },
      formError(),
      companyFields(c, currency),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save changes')),
    );
    onSubmit(form, async () => {
      const edited = Object.fromEntries(Object.keys(COMPANY_KINDS).map((k) => [k, value(form, k)]));
      const patch = buildPatch(c as unknown as Record<string, unknown>, edited, COMPANY_KINDS);
      if (Object.keys(patch).length === 0) return;
      const saved = await api.patch<Company>(`/api/v1/companies/${encodeURIComponent(String(c.id))}`, patch);
      draw(saved, 'Company saved.');
    });
    replace(
      content,
      message ? h('p', { class: 'alert alert-success', role: 'status' }, message) : null,
      h(
        'div',
        { class: 'detail-layout' },
        h('section', { class: 'card detail-main', 'aria-labelledby': 'company-edit-title' }, h('h2', { id: 'company-edit-title' }, 'Details'), form),
        h(
          'aside',
          { class: 'detail-side' },
          h(
            'section',
            { class: 'card', 'aria-labelledby': 'company-summary-title' },
            h('h2', { id: 'company-summary-title' }, 'Summary'),
            dl([
              ['Employees', formatNumber(c.employees)],
              ['Annual revenue', formatMoney(c.annual_revenue, currency)],
              ['Customer status', enumLabel(c.customer_status)],
              ['Created', formatDateTime(c.created_at)],
              ['Updated', formatDateTime(c.updated_at)],
            ]),
            c.name ? h('p', null, h('a', { href: `/leads${buildQuery({ q: c.name })}` }, `Search leads for “${c.name}”`)) : null,
          ),
        ),
      ),
    );
  };
  if (!ctx.signal.aborted) draw(company);
}
