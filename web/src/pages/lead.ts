// Lead detail: every field, company, custom fields, score, stage change with a reason, edits,
// history and timeline.
import { api, isAbort } from '../api';
import { announce, h, replace } from '../dom';
import { errorMessage } from '../errors';
import {
  DASH,
  displayValue,
  enumLabel,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  horizonLabel,
  HORIZONS,
  leadName,
  POTENTIALS,
  PROBABILITIES,
  probabilityLabel,
  RATINGS,
  stageLabel,
  STAGES,
} from '../format';
import { field, formError, onSubmit, value } from '../forms';
import { loading, page } from '../layout';
import { buildPatch, type FieldKind } from '../patch';
import type { RouteContext } from '../router';
import { lookups, nameOf } from '../state';
import type { BusinessArea, Channel, Lead, User, Workspace } from '../types';
import { dl } from './fields';
import { activityForm, mergeForm } from './lead_activity';
import { loadHistory, timeline } from './lead_history';
import { predictionCard } from './lead_prediction';
import { scoreCard } from './lead_score';
import { ratingBadge, scorePill, stageBadge } from './leads';

// Text fields are cleared with null, as the server reports unset text as null.
const EDIT_KINDS: Record<string, FieldKind> = {
  first_name: 'nullable',
  last_name: 'nullable',
  email: 'nullable',
  title: 'nullable',
  phone: 'nullable',
  external_id: 'nullable',
  channel: 'nullable',
  campaign: 'nullable',
  business_area: 'nullable',
  rating: 'nullable',
  horizon: 'nullable',
  expected_month: 'nullable',
  potential: 'nullable',
  probability: 'int',
  owner: 'nullable',
  deal_value: 'money',
  do_not_email: 'bool',
  do_not_call: 'bool',
};

function section(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

interface Lookups {
  channels: Channel[];
  areas: BusinessArea[];
  users: User[];
  workspace: Workspace | null;
}

function detailsView(lead: Lead, lk: Lookups): HTMLElement {
  const currency = lk.workspace?.currency ?? '';
  const flags = [lead.do_not_email ? 'Do not e-mail' : '', lead.do_not_call ? 'Do not call' : '']
    .filter(Boolean)
    .join(', ');
  return h(
    'div',
    { class: 'details-grid' },
    h(
      'div',
      null,
      h('h3', null, 'Contact'),
      dl([
        ['Name', [lead.first_name, lead.last_name].filter(Boolean).join(' ')],
        ['E-mail', lead.email ? h('a', { href: `mailto:${lead.email}` }, lead.email) : ''],
        ['Phone', lead.phone ? h('a', { href: `tel:${lead.phone}` }, lead.phone) : ''],
        ['Title', lead.title],
        ['External id', lead.external_id],
        ['Consent', flags || 'E-mail and calls allowed'],
      ]),
    ),
    h(
      'div',
      null,
      h('h3', null, 'Qualification'),
      dl([
        ['Rating', ratingBadge(lead.rating)],
        ['Horizon', horizonLabel(lead.horizon)],
        ['Expected month', lead.expected_month ?? ''],
        ['Potential', lead.potential ?? ''],
        ['Probability', probabilityLabel(lead.probability)],
        ['Owner', lead.owner ?? 'Unassigned'],
        ['Deal value', formatMoney(lead.deal_value, currency)],
      ]),
    ),
    h(
      'div',
      null,
      h('h3', null, 'Source'),
      dl([
        ['Channel', nameOf(lk.channels, lead.channel)],
        ['Campaign', lead.campaign],
        ['Business area', nameOf(lk.areas, lead.business_area)],
        ['Created', formatDateTime(lead.created_at)],
        ['Updated', formatDateTime(lead.updated_at)],
      ]),
    ),
  );
}

function editForm(lead: Lead, lk: Lookups, onSaved: (lead: Lead) => void, onCancel: () => void): HTMLFormElement {
  const choices = (list: readonly (string | number)[], label: (v: string) => string) =>
    list.map((v) => [String(v), label(String(v))] as const);
  const ownerListId = 'lead-owner-options';
  const form = h(
    'form',
    { class: 'edit-form', 'aria-label': 'Edit lead' },
    formError(),
    h(
      'fieldset',
      null,
      h('legend', null, 'Contact'),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'first_name', label: 'First name', value: lead.first_name, autocomplete: 'off' }),
        field({ name: 'last_name', label: 'Last name', value: lead.last_name, autocomplete: 'off' }),
        field({ name: 'email', label: 'E-mail', type: 'email', value: lead.email, autocomplete: 'off' }),
        field({ name: 'phone', label: 'Phone', type: 'tel', value: lead.phone, autocomplete: 'off' }),
        field({ name: 'title', label: 'Title', value: lead.title }),
        field({ name: 'external_id', label: 'External id', value: lead.external_id }),
        field({ name: 'do_not_email', label: 'Do not e-mail', type: 'checkbox', checked: lead.do_not_email }),
        field({ name: 'do_not_call', label: 'Do not call', type: 'checkbox', checked: lead.do_not_call }),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Qualification'),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'rating', label: 'Rating', value: lead.rating, choices: choices(RATINGS, enumLabel), placeholder: 'Not rated' }),
        field({ name: 'horizon', label: 'Horizon', value: lead.horizon, choices: choices(HORIZONS, horizonLabel), placeholder: 'Unknown' }),
        field({ name: 'expected_month', label: 'Expected month', value: lead.expected_month, placeholder: 'YYYY-MM', hint: 'Year and month, e.g. 2026-03' }),
        field({ name: 'potential', label: 'Potential', value: lead.potential, choices: choices(POTENTIALS, (v) => v), placeholder: 'Unknown' }),
        field({ name: 'probability', label: 'Probability', value: lead.probability, choices: choices(PROBABILITIES, probabilityLabel), placeholder: 'Unknown' }),
        field({ name: 'owner', label: 'Owner', value: lead.owner, placeholder: 'user@example.com', list: ownerListId, hint: 'The e-mail of a user; empty: unassigned' }),
        h('datalist', { id: ownerListId }, lk.users.map((u) => h('option', { value: u.email }, u.name))),
        field({ name: 'deal_value', label: `Deal value${lk.workspace?.currency ? ` (${lk.workspace.currency})` : ''}`, value: lead.deal_value, attrs: { inputmode: 'decimal' } }),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Source'),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'channel', label: 'Channel', value: lead.channel, choices: lk.channels.map((c) => [c.key, c.name || c.key] as const), placeholder: 'None' }),
        field({ name: 'campaign', label: 'Campaign', value: lead.campaign }),
        field({ name: 'business_area', label: 'Business area', value: lead.business_area, choices: lk.areas.map((a) => [a.key, a.name || a.key] as const), placeholder: 'None' }),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save changes'),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: onCancel }, 'Cancel'),
    ),
  );
  onSubmit(form, async () => {
    const edited: Record<string, string> = {};
    for (const name of Object.keys(EDIT_KINDS)) edited[name] = value(form, name);
    const patch = buildPatch(lead as unknown as Record<string, unknown>, edited, EDIT_KINDS);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    const saved = await api.patch<Lead>(`/api/v1/leads/${encodeURIComponent(String(lead.id))}`, patch);
    onSaved(saved);
  });
  return form;
}

function stageForm(lead: Lead, onChanged: (lead: Lead) => void): HTMLFormElement {
  const form = h(
    'form',
    { class: 'stage-form', 'aria-label': 'Change stage' },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({
        name: 'stage',
        label: 'New stage',
        value: lead.stage,
        choices: STAGES.map((s) => [s, stageLabel(s)] as const),
      }),
      field({ name: 'reason', label: 'Reason', multiline: true, placeholder: 'Why is the stage changing?', hint: 'Saved in the history.' }),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Change stage')),
  );
  onSubmit(form, async () => {
    const stage = value(form, 'stage');
    const reason = value(form, 'reason');
    const saved = await api.patch<Lead>(`/api/v1/leads/${encodeURIComponent(String(lead.id))}`, { stage, reason });
    (form.elements.namedItem('reason') as HTMLTextAreaElement).value = '';
    onChanged(saved);
  });
  return form;
}

function companyCard(lead: Lead, currency: string): HTMLElement {
  const c = lead.company;
  if (!c) return section('Company', 'company-title', h('p', { class: 'muted' }, 'No company known.'));
  return section(
    'Company',
    'company-title',
    h('p', { class: 'company-name' }, h('a', { href: `/companies/${encodeURIComponent(String(c.id))}` }, c.name || DASH)),
    dl([
      ['Domain', c.domain],
      ['Industry', c.industry],
      ['Employees', formatNumber(c.employees)],
      ['Annual revenue', formatMoney(c.annual_revenue, currency)],
      ['Country', c.country],
      ['Customer status', enumLabel(c.customer_status)],
    ]),
  );
}

function customFieldsCard(lead: Lead): HTMLElement {
  const entries = Object.entries(lead.custom_fields ?? {});
  return section(
    'Custom fields',
    'custom-title',
    entries.length ? dl(entries.map(([k, v]) => [k, displayValue(v)])) : h('p', { class: 'muted' }, 'None.'),
  );
}

export async function renderLead(ctx: RouteContext): Promise<void> {
  const id = ctx.params.id;
  const content = page({ section: 'leads', title: 'Lead' });
  content.append(loading());
  let lead: Lead;
  let lk: Lookups;
  try {
    const [l, channels, areas, users, workspace] = await Promise.all([
      api.get<Lead>(`/api/v1/leads/${encodeURIComponent(id)}`, ctx.signal),
      lookups.channels().catch(() => [] as Channel[]),
      lookups.businessAreas().catch(() => [] as BusinessArea[]),
      lookups.users(),
      lookups.workspace().catch(() => null),
    ]);
    lead = l;
    lk = { channels, areas, users, workspace };
  } catch (err) {
    if (isAbort(err)) return;
    replace(content, h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err)), h('p', null, h('a', { href: '/leads' }, '← Back to leads')));
    return;
  }
  if (ctx.signal.aborted) return;
  draw(ctx, lead, lk);
}

function draw(ctx: RouteContext, lead: Lead, lk: Lookups): void {
  const threshold = lk.workspace?.mql_threshold ?? 65;
  const content = page({
    section: 'leads',
    title: leadName(lead),
    breadcrumb: h(
      'nav',
      { 'aria-label': 'Breadcrumb', class: 'breadcrumb' },
      h('a', { href: '/leads' }, '← Leads'),
    ),
    subtitle: h(
      'span',
      { class: 'lead-subtitle' },
      stageBadge(lead.stage),
      ' ',
      lead.title ? `${lead.title}` : '',
      lead.title && lead.company ? ' at ' : '',
      lead.company ? lead.company.name : '',
    ),
    actions: h('div', { class: 'head-actions' }, h('span', { class: 'muted' }, 'Score '), scorePill(lead.score?.total, threshold)),
  });

  const redraw = (next: Lead, message: string) => {
    draw(ctx, next, lk);
    announce(message);
    const status = document.getElementById('lead-status');
    if (status) {
      status.textContent = message;
      status.hidden = false;
    }
  };

  const detailsBody = h('div', null, detailsView(lead, lk));
  const editButton = h('button', { type: 'button', class: 'btn btn-secondary btn-small' }, 'Edit');
  editButton.addEventListener('click', () => {
    editButton.hidden = true;
    const form = editForm(
      lead,
      lk,
      (saved) => redraw(saved, 'Lead saved.'),
      () => {
        replace(detailsBody, detailsView(lead, lk));
        editButton.hidden = false;
        editButton.focus();
      },
    );
    replace(detailsBody, form);
    form.querySelector<HTMLElement>('input, select')?.focus();
  });

  const historyBody = h('div', null, loading());
  void loadHistory(String(lead.id), historyBody, ctx.signal);

  replace(
    content,
    h('p', { id: 'lead-status', class: 'alert alert-success', role: 'status', hidden: true }),
    h(
      'div',
      { class: 'detail-layout' },
      h(
        'div',
        { class: 'detail-main' },
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'details-title' },
          h('div', { class: 'card-head' }, h('h2', { id: 'details-title' }, 'Details'), editButton),
          detailsBody,
        ),
        scoreCard(lead, threshold, ctx.signal),
        predictionCard(lead),
        section('Change stage', 'stage-title', h('p', { class: 'muted' }, 'Current stage: ', stageBadge(lead.stage)), stageForm(lead, (saved) => redraw(saved, `Stage changed to ${stageLabel(saved.stage)}.`))),
        section(
          'Log activity',
          'activity-title',
          activityForm(lead, lk.channels, () => {
            void api
              .get<Lead>(`/api/v1/leads/${encodeURIComponent(String(lead.id))}`, ctx.signal)
              .then((fresh) => redraw(fresh, 'Activity logged.'))
              .catch((err: unknown) => {
                if (!isAbort(err)) redraw(lead, 'Activity logged.');
              });
          }),
        ),
        section('History', 'history-title', historyBody),
        section('Timeline', 'timeline-title', timeline(String(lead.id), lk.channels, ctx.signal)),
      ),
      h(
        'aside',
        { class: 'detail-side', 'aria-label': 'Lead summary' },
        companyCard(lead, lk.workspace?.currency ?? ''),
        customFieldsCard(lead),
        section(
          'Merge another lead into this one',
          'merge-title',
          mergeForm(lead, (merged, absorbedId) => redraw(merged, `Lead ${absorbedId} merged into this lead.`)),
        ),
        section(
          'Record',
          'record-title',
          dl([
            ['Lead id', String(lead.id)],
            ['Created', formatDate(lead.created_at)],
            ['Updated', formatDate(lead.updated_at)],
          ]),
        ),
      ),
    ),
  );
}
