// Leads list: the "who do I call today" view. Filters live in the URL; pages come from the
// server by cursor ("Load more").
import { api, isAbort } from '../api';
import { announce, h, options, replace } from '../dom';
import { ApiError, errorMessage, matchField } from '../errors';
import { DASH, enumLabel, formatDate, leadName, predictedPercent, scoreBand, stageLabel, STAGES } from '../format';
import { loading, page } from '../layout';
import {
  emptyFilters,
  filtersFromSearch,
  filtersToSearch,
  hasActiveFilters,
  FILTER_KEYS,
  LEAD_SORTS,
  leadsApiPath,
  type LeadFilters,
} from '../query';
import type { RouteContext } from '../router';
import { lookups, nameOf, session } from '../state';
import type { BusinessArea, Channel, Lead, Page, User } from '../types';
import { newLeadForm } from './lead_new';

const PAGE_SIZE = 50;

export function stageBadge(stage: string): HTMLElement {
  return h('span', { class: `badge stage stage-${stage}`, 'data-stage': stage }, stageLabel(stage));
}

export function ratingBadge(rating: string | null): HTMLElement | string {
  if (!rating) return DASH;
  return h('span', { class: `badge rating rating-${rating}` }, enumLabel(rating));
}

export function scorePill(total: number | null | undefined, threshold?: number): HTMLElement {
  const value = total ?? 0;
  return h(
    'span',
    { class: `score score-${scoreBand(value, threshold)}`, title: `Score ${value} of 100` },
    String(value),
  );
}

function filterForm(
  filters: LeadFilters,
  channels: Channel[],
  areas: BusinessArea[],
  users: User[],
  apply: (next: LeadFilters, opts?: { push?: boolean; rerender?: boolean }) => void,
): HTMLFormElement {
  const control = (name: keyof LeadFilters, label: string, input: HTMLElement) =>
    h('div', { class: 'filter' }, h('label', { for: `filter-${name}` }, label), input);
  const select = (name: keyof LeadFilters, choices: (readonly [string, string])[], placeholder: string) =>
    h('select', { id: `filter-${name}`, name }, options(choices, filters[name], placeholder));

  const ownerList = h(
    'datalist',
    { id: 'owner-options' },
    h('option', { value: 'me' }, 'My leads'),
    h('option', { value: 'none' }, 'Unassigned'),
    users.map((u) => h('option', { value: u.email }, u.name ?? u.email)),
  );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter leads' },
    control(
      'q',
      'Search',
      h('input', {
        id: 'filter-q',
        name: 'q',
        type: 'search',
        value: filters.q,
        placeholder: 'Name, e-mail or company',
        autocomplete: 'off',
      }),
    ),
    control('stage', 'Stage', select('stage', STAGES.map((s) => [s, stageLabel(s)]), 'All stages')),
    control('channel', 'Channel', select('channel', channels.map((c) => [c.key, c.name || c.key]), 'All channels')),
    control(
      'business_area',
      'Business area',
      select('business_area', areas.map((a) => [a.key, a.name || a.key]), 'All areas'),
    ),
    control(
      'owner',
      'Owner',
      h('input', {
        id: 'filter-owner',
        name: 'owner',
        type: 'text',
        value: filters.owner,
        placeholder: 'E-mail, me or none',
        list: 'owner-options',
        autocomplete: 'off',
      }),
    ),
    ownerList,
    control(
      'min_score',
      'Min. score',
      h('input', {
        id: 'filter-min_score',
        name: 'min_score',
        type: 'number',
        min: 0,
        max: 100,
        step: 1,
        inputmode: 'numeric',
        value: filters.min_score,
        class: 'input-narrow',
      }),
    ),
    control(
      'sort',
      'Sort by',
      h('select', { id: 'filter-sort', name: 'sort' }, options(LEAD_SORTS.map((s) => [s.value, s.label] as const), filters.sort)),
    ),
    h(
      'div',
      { class: 'filter filter-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Apply'),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-ghost',
          onclick: () => apply(emptyFilters(), { push: true, rerender: true }),
          disabled: !hasActiveFilters(filters) && filters.sort === emptyFilters().sort,
        },
        'Clear',
      ),
    ),
  );

  const read = (): LeadFilters => {
    const data = new FormData(form);
    const next = emptyFilters();
    for (const key of Object.keys(next) as (keyof LeadFilters)[]) {
      next[key] = String(data.get(key) ?? '').trim();
    }
    return filtersFromSearch(filtersToSearch(next));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(read(), { push: true });
  });
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLSelectElement) apply(read(), { push: true });
  });
  let timer: number | undefined;
  form.querySelector('#filter-q')!.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => apply(read()), 350);
  });
  return form;
}

/** Shows an API error about a query parameter under the filter of that name. */
function showFilterError(form: HTMLFormElement, err: unknown): boolean {
  const name = matchField(err instanceof ApiError ? err.field : null, FILTER_KEYS);
  const control = name ? form.querySelector<HTMLElement>(`#filter-${name}`) : null;
  if (!control) return false;
  const message = h('p', { class: 'field-error filter-error', id: `filter-${name}-error` }, errorMessage(err));
  control.after(message);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', message.id);
  return true;
}

function clearFilterErrors(form: HTMLFormElement): void {
  form.querySelectorAll('.filter-error').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  });
}

function leadRow(lead: Lead, channels: Channel[], areas: BusinessArea[], threshold: number): HTMLElement {
  return h(
    'tr',
    { 'data-lead-id': String(lead.id) },
    h(
      'th',
      { scope: 'row', class: 'cell-name' },
      h('a', { href: `/leads/${encodeURIComponent(String(lead.id))}` }, leadName(lead)),
      lead.email && (lead.first_name || lead.last_name)
        ? h('div', { class: 'cell-sub' }, lead.email)
        : lead.title
          ? h('div', { class: 'cell-sub' }, lead.title)
          : null,
    ),
    h('td', { class: 'cell-company' }, lead.company?.name || DASH),
    h('td', null, stageBadge(lead.stage)),
    h('td', { class: 'num nowrap' }, scorePill(lead.score?.total, threshold), lead.score?.grade ? h('span', { class: 'grade', title: 'Grade: fit letter, engagement digit' }, lead.score.grade) : null),
    h('td', { class: 'num nowrap cell-predicted' }, predictedPercent(lead.predicted_conversion?.probability)),
    h('td', null, ratingBadge(lead.rating)),
    h('td', null, nameOf(channels, lead.channel)),
    h('td', null, nameOf(areas, lead.business_area)),
    h('td', { class: 'cell-owner' }, lead.owner || h('span', { class: 'muted' }, 'Unassigned')),
    h('td', { class: 'nowrap' }, h('time', { datetime: lead.created_at }, formatDate(lead.created_at))),
  );
}

export async function renderLeads(ctx: RouteContext): Promise<void> {
  let filters = filtersFromSearch(location.search);
  const content = page({
    section: 'leads',
    title: 'Leads',
    subtitle: 'Who to call today: filter, sort and open a lead to follow it up.',
    actions: h(
      'div',
      { class: 'head-actions' },
      session.user
        ? h(
            'a',
            { class: 'btn btn-secondary', href: `/leads${filtersToSearch({ ...emptyFilters(), owner: 'me', sort: '-score' })}` },
            'My leads',
          )
        : null,
      h(
        'a',
        { class: 'btn btn-secondary', href: `/leads${filtersToSearch({ ...emptyFilters(), sort: '-score' })}` },
        'Top scored',
      ),
      h('button', { type: 'button', class: 'btn btn-primary', id: 'new-lead' }, 'New lead'),
    ),
  });
  content.append(loading());
  let channels: Channel[] = [];
  let areas: BusinessArea[] = [];
  let users: User[] = [];
  let threshold = 65;
  try {
    const [c, a, u, w] = await Promise.all([
      lookups.channels().catch(() => [] as Channel[]),
      lookups.businessAreas().catch(() => [] as BusinessArea[]),
      lookups.users(),
      lookups.workspace().catch(() => null),
    ]);
    channels = c;
    areas = a;
    users = u;
    if (w) threshold = w.mql_threshold;
  } catch {
    // Lookups are optional: keys are shown instead of names.
  }
  if (ctx.signal.aborted) return;

  const summary = h('p', { class: 'result-summary', role: 'status' });
  const tbody = h('tbody');
  const errorBox = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const more = h('button', { type: 'button', class: 'btn btn-secondary', hidden: true }, 'Load more');
  const table = h(
    'table',
    { class: 'table leads-table', 'aria-describedby': 'leads-summary' },
    h('caption', { class: 'visually-hidden' }, 'Leads'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Name', 'Company', 'Stage', 'Score', 'Predicted', 'Rating', 'Channel', 'Business area', 'Owner', 'Created'].map(
          (label) => h('th', { scope: 'col', class: label === 'Score' || label === 'Predicted' ? 'num' : undefined }, label),
        ),
      ),
    ),
    tbody,
  );
  summary.id = 'leads-summary';

  let cursor: string | null = null;
  let count = 0;
  let generation = 0;

  const load = async (append: boolean) => {
    const mine = ++generation;
    more.disabled = true;
    errorBox.hidden = true;
    clearFilterErrors(form);
    if (!append) {
      table.setAttribute('aria-busy', 'true');
      summary.textContent = 'Loading…';
    } else {
      more.textContent = 'Loading…';
    }
    try {
      const result = await api.get<Page<Lead>>(leadsApiPath(filters, append ? cursor : null, PAGE_SIZE), ctx.signal);
      if (mine !== generation) return;
      if (!append) {
        replace(tbody);
        count = 0;
      }
      const fragment = document.createDocumentFragment();
      for (const lead of result.items) fragment.append(leadRow(lead, channels, areas, threshold));
      tbody.append(fragment);
      count += result.items.length;
      cursor = result.next_cursor;
      more.hidden = !cursor;
      const text =
        count === 0
          ? hasActiveFilters(filters)
            ? 'No leads match these filters.'
            : 'No leads yet.'
          : `Showing ${count} lead${count === 1 ? '' : 's'}${cursor ? ' — more available' : ''}.`;
      summary.textContent = text;
      if (append) announce(`${result.items.length} more leads loaded. ${text}`);
    } catch (err) {
      if (isAbort(err) || mine !== generation) return;
      if (!showFilterError(form, err)) {
        errorBox.textContent = errorMessage(err);
        errorBox.hidden = false;
      }
      replace(tbody);
      more.hidden = true;
      summary.textContent = '';
    } finally {
      if (mine === generation) {
        more.disabled = false;
        more.textContent = 'Load more';
        table.removeAttribute('aria-busy');
      }
    }
  };

  const apply = (next: LeadFilters, opts: { push?: boolean; rerender?: boolean } = {}) => {
    const url = `/leads${filtersToSearch(next)}`;
    const here = location.pathname + location.search;
    if (url === here && !opts.push) return;
    filters = next;
    if (url !== here) {
      if (opts.push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    if (opts.rerender) {
      const fresh = filterForm(filters, channels, areas, users, apply);
      form.replaceWith(fresh);
      form = fresh;
      fresh.querySelector<HTMLInputElement>('#filter-q')?.focus();
    }
    void load(false);
  };

  let form = filterForm(filters, channels, areas, users, apply);
  more.addEventListener('click', () => void load(true));
  const createBox = h('div', { hidden: true });
  const newButton = document.getElementById('new-lead') as HTMLButtonElement | null;
  newButton?.addEventListener('click', () => {
    const close = () => {
      createBox.hidden = true;
      replace(createBox);
      newButton.focus();
    };
    const created = newLeadForm(channels, areas, close);
    replace(createBox, created);
    createBox.hidden = false;
    created.querySelector<HTMLInputElement>('input')?.focus();
  });
  replace(
    content,
    createBox,
    form,
    summary,
    errorBox,
    h('div', { class: 'table-wrap' }, table),
    h('div', { class: 'load-more' }, more),
  );
  await load(false);
}
