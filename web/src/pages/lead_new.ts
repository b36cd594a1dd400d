// The New lead form of the leads page: the main fields, a company found or created by name; on
// save it opens the new lead.
import { api } from '../api';
import { h } from '../dom';
import { enumLabel, RATINGS, stageLabel, STAGES } from '../format';
import { field, formError, onSubmit, value } from '../forms';
import { buildPatch, type FieldKind } from '../patch';
import { navigate } from '../router';
import type { BusinessArea, Channel, Lead } from '../types';

const NEW_LEAD_KINDS: Record<string, FieldKind> = {
  first_name: 'nullable',
  last_name: 'nullable',
  email: 'nullable',
  phone: 'nullable',
  title: 'nullable',
  channel: 'nullable',
  business_area: 'nullable',
  rating: 'nullable',
  stage: 'nullable',
};

export function newLeadForm(channels: Channel[], areas: BusinessArea[], close: () => void): HTMLFormElement {
  const form = h(
    'form',
    { class: 'card', 'aria-label': 'New lead' },
    h('h2', null, 'New lead'),
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'first_name', label: 'First name', autocomplete: 'off' }),
      field({ name: 'last_name', label: 'Last name', autocomplete: 'off' }),
      field({ name: 'email', label: 'E-mail', type: 'email', autocomplete: 'off' }),
      field({ name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'off' }),
      field({ name: 'title', label: 'Title' }),
      field({ name: 'company.name', label: 'Company', autocomplete: 'off', hint: 'Found or created by name' }),
      field({ name: 'channel', label: 'Channel', choices: channels.map((c) => [c.key, c.name || c.key] as const), placeholder: 'None' }),
      field({ name: 'business_area', label: 'Business area', choices: areas.map((a) => [a.key, a.name || a.key] as const), placeholder: 'None' }),
      field({ name: 'rating', label: 'Rating', choices: RATINGS.map((r) => [r, enumLabel(r)] as const), placeholder: 'Not rated' }),
      field({ name: 'stage', label: 'Stage', value: 'lead', choices: STAGES.map((s) => [s, stageLabel(s)] as const) }),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create lead'),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: close }, 'Cancel'),
    ),
  );
  onSubmit(form, async () => {
    const edited = Object.fromEntries(Object.keys(NEW_LEAD_KINDS).map((k) => [k, value(form, k)]));
    const body = buildPatch({}, edited, NEW_LEAD_KINDS);
    const company = value(form, 'company.name');
    if (company) body.company = { name: company };
    const created = await api.post<Lead>('/api/v1/leads', body);
    navigate(`/leads/${encodeURIComponent(String(created.id))}`);
  });
  return form;
}
