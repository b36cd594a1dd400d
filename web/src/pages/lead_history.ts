// A lead's change history (newest first) and its touchpoint timeline (oldest first, paged), for
// the lead page.
import { api, isAbort } from '../api';
import { h, replace } from '../dom';
import { errorMessage } from '../errors';
import { actorLabel, DASH, displayValue, enumLabel, formatDateTime, stageLabel } from '../format';
import { nameOf } from '../state';
import type { Channel, HistoryEntry, Page, Touchpoint } from '../types';
import { dl } from './fields';
import { stageBadge } from './leads';

function historyText(entry: HistoryEntry): (Node | string)[] {
  const from = entry.from_value ?? entry.from ?? '';
  const to = entry.to_value ?? entry.to ?? '';
  if (entry.kind === 'stage') {
    return [h('span', { class: 'muted' }, 'Stage '), from ? stageBadge(from) : '', from ? ' → ' : '', stageBadge(to)];
  }
  if (entry.kind === 'created') return [document.createTextNode(`Created${to ? ` in ${stageLabel(to)}` : ''}`)];
  const label = enumLabel(entry.kind);
  if (!from && !to) return [document.createTextNode(label)];
  return [document.createTextNode(`${label}: ${from || DASH} → ${to || DASH}`)];
}

export async function loadHistory(leadId: string, target: HTMLElement, signal: AbortSignal): Promise<void> {
  try {
    const result = await api.get<Page<HistoryEntry>>(`/api/v1/leads/${encodeURIComponent(leadId)}/history?limit=100`, signal);
    const items = [...result.items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    if (items.length === 0) {
      replace(target, h('p', { class: 'muted' }, 'No history yet.'));
      return;
    }
    replace(
      target,
      h(
        'table',
        { class: 'table table-compact history-table' },
        h('caption', { class: 'visually-hidden' }, 'Lead history, newest first'),
        h('thead', null, h('tr', null, ['When', 'Change', 'Reason', 'By'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          null,
          items.map((entry) =>
            h(
              'tr',
              { 'data-kind': entry.kind },
              h('td', { class: 'nowrap' }, h('time', { datetime: entry.at }, formatDateTime(entry.at))),
              h('td', { class: 'history-change' }, historyText(entry)),
              h('td', { class: 'history-reason' }, entry.reason || DASH),
              h('td', null, actorLabel(entry.actor)),
            ),
          ),
        ),
      ),
      result.next_cursor ? h('p', { class: 'muted' }, 'Showing the latest 100 changes.') : null,
    );
  } catch (err) {
    if (!isAbort(err)) replace(target, h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err)));
  }
}

function timelineItem(tp: Touchpoint, channels: Channel[]): HTMLElement {
  const props = tp.properties && Object.keys(tp.properties).length > 0 ? tp.properties : null;
  return h(
    'li',
    { class: `timeline-item${tp.filtered_reason ? ' is-filtered' : ''}` },
    h('span', { class: `timeline-dot type-${tp.type}`, 'aria-hidden': 'true' }),
    h(
      'div',
      { class: 'timeline-body' },
      h(
        'div',
        { class: 'timeline-head' },
        h('span', { class: 'badge' }, enumLabel(tp.type)),
        ' ',
        h('strong', null, tp.name || tp.url || DASH),
        tp.filtered_reason ? h('span', { class: 'badge badge-warn' }, `Filtered: ${tp.filtered_reason}`) : null,
      ),
      tp.url && tp.url !== tp.name ? h('div', { class: 'timeline-url' }, tp.url) : null,
      h(
        'div',
        { class: 'timeline-meta' },
        h('time', { datetime: tp.occurred_at }, formatDateTime(tp.occurred_at)),
        tp.channel ? ` · ${nameOf(channels, tp.channel)}` : '',
        tp.campaign ? ` · ${tp.campaign}` : '',
      ),
      props
        ? h(
            'details',
            null,
            h('summary', null, 'Properties'),
            dl(Object.entries(props).map(([k, v]) => [k, displayValue(v)])),
          )
        : null,
    ),
  );
}

export function timeline(leadId: string, channels: Channel[], signal: AbortSignal): HTMLElement {
  const list = h('ol', { class: 'timeline' });
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading…');
  const more = h('button', { type: 'button', class: 'btn btn-secondary', hidden: true }, 'Load more');
  let cursor: string | null = null;
  let count = 0;
  const load = async () => {
    more.disabled = true;
    try {
      const url = `/api/v1/leads/${encodeURIComponent(leadId)}/timeline?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const result = await api.get<Page<Touchpoint>>(url, signal);
      for (const tp of result.items) list.append(timelineItem(tp, channels));
      count += result.items.length;
      cursor = result.next_cursor;
      more.hidden = !cursor;
      status.textContent = count === 0 ? 'No touchpoints yet.' : `${count} touchpoint${count === 1 ? '' : 's'}, oldest first.`;
    } catch (err) {
      if (!isAbort(err)) status.textContent = errorMessage(err);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  void load();
  return h('div', null, status, list, more);
}
