// Lead page cards for tracking: "Log activity" (an offline or sales touchpoint) and "Merge
// another lead into this one".
import { api } from '../api';
import { h } from '../dom';
import { ApiError } from '../errors';
import { ACTIVITY_TYPES, leadIdFrom, touchpointBody } from '../activity';
import { field, formError, onSubmit, value } from '../forms';
import type { Channel, Lead } from '../types';

function leadPath(lead: Lead, rest: string): string {
  return `/api/v1/leads/${encodeURIComponent(String(lead.id))}/${rest}`;
}

/** Logs a call, meeting, ... on the lead; `onLogged` runs after the server stored it. */
export function activityForm(lead: Lead, channels: Channel[], onLogged: () => void): HTMLFormElement {
  const form = h(
    'form',
    { class: 'activity-form', 'aria-label': 'Log activity' },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'type', label: 'Activity', value: 'call', choices: ACTIVITY_TYPES, required: true }),
      field({ name: 'occurred_at', label: 'When', type: 'datetime-local', hint: 'Empty: now' }),
      field({
        name: 'channel',
        label: 'Channel',
        choices: channels.map((c) => [c.key, c.name || c.key] as const),
        placeholder: 'None',
        hint: 'With a channel the activity becomes the latest touch.',
      }),
      field({ name: 'note', label: 'Note', multiline: true, placeholder: 'What happened?' }),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Log activity')),
  );
  onSubmit(form, async () => {
    const body = touchpointBody({
      type: value(form, 'type'),
      when: value(form, 'occurred_at'),
      channel: value(form, 'channel'),
      note: value(form, 'note'),
    });
    await api.post(leadPath(lead, 'touchpoints'), body);
    onLogged();
  });
  return form;
}

/** Merges another lead (by id or lead URL) into this one after a confirmation. */
export function mergeForm(lead: Lead, onMerged: (merged: Lead, absorbedId: number) => void): HTMLFormElement {
  const form = h(
    'form',
    { class: 'merge-form', 'aria-label': 'Merge another lead into this one' },
    formError(),
    h(
      'p',
      { class: 'muted' },
      'The other lead is deleted: this lead keeps its fields, fills empty ones from it and takes over its touchpoints and history.',
    ),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'from', label: 'Lead to merge in', required: true, placeholder: 'Lead id or link', attrs: { inputmode: 'numeric' } }),
      field({ name: 'reason', label: 'Reason', placeholder: 'e.g. same person, private e-mail' }),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-danger' }, 'Merge into this lead')),
  );
  onSubmit(form, async () => {
    const from = leadIdFrom(value(form, 'from'));
    if (from === null) throw new ApiError(400, 'invalid_argument', 'Enter the id or the link of a lead.', 'from');
    if (from === Number(lead.id)) throw new ApiError(400, 'invalid_argument', 'A lead cannot be merged into itself.', 'from');
    if (!window.confirm(`Merge lead ${from} into this lead? Lead ${from} will be deleted.`)) return;
    const result = await api.post<{ lead: Lead; absorbed_lead_id: number }>(leadPath(lead, 'merge'), {
      from,
      reason: value(form, 'reason'),
    });
    onMerged(result.lead, result.absorbed_lead_id);
  });
  return form;
}
