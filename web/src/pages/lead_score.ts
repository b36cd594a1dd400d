// The lead's score explained: total, fit, engagement and grade, every breakdown line (rule,
// category, points, what gave them and how far they decayed) and the score history.
import { api, isAbort } from '../api';
import { h, replace } from '../dom';
import { errorMessage } from '../errors';
import { DASH, enumLabel, formatDateTime } from '../format';
import { breakdownWhen, signedPoints, sparkline, type ScoreHistoryEntry } from '../scoring';
import type { Lead, ScoreItem } from '../types';
import { scorePill } from './leads';

const HISTORY_ROWS = 10;

function breakdownTable(items: ScoreItem[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-compact breakdown-table' },
      h('caption', { class: 'visually-hidden' }, 'Score breakdown: the rules that gave or took points'),
      h('thead', null, h('tr', null, ['Rule', 'Category', 'Points', 'What', 'When and decay'].map((t) => h('th', { scope: 'col', class: t === 'Points' ? 'num' : undefined }, t)))),
      h(
        'tbody',
        null,
        items.map((item) =>
          h(
            'tr',
            { 'data-rule': item.rule },
            h('th', { scope: 'row' }, h('code', null, item.rule)),
            h('td', null, item.category ? enumLabel(item.category) : DASH),
            h('td', { class: `num ${item.points < 0 ? 'neg' : ''}`, title: item.exact_points !== undefined ? `${item.exact_points.toFixed(2)} points` : undefined }, signedPoints(item.points)),
            h('td', { class: 'breakdown-detail' }, item.detail || DASH),
            h('td', { class: 'breakdown-when' }, breakdownWhen(item) || DASH),
          ),
        ),
      ),
    ),
  );
}

function historyView(items: ScoreHistoryEntry[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted' }, 'No score changes recorded yet.');
  const first = items[0];
  const last = items[items.length - 1];
  const latest = items.slice(-HISTORY_ROWS).reverse();
  return h(
    'div',
    { class: 'score-history', 'data-testid': 'score-history' },
    h(
      'p',
      null,
      h('span', { class: 'sparkline', 'aria-hidden': 'true', title: 'Total over time' }, sparkline(items.map((e) => e.total))),
      ` ${items.length} change${items.length === 1 ? '' : 's'}: total ${first.total} → ${last.total}.`,
    ),
    h(
      'table',
      { class: 'table table-compact' },
      h('caption', { class: 'visually-hidden' }, `Latest ${latest.length} score changes, newest first`),
      h('thead', null, h('tr', null, ['When', 'Total', 'Fit', 'Eng.', 'Grade', 'Why'].map((t) => h('th', { scope: 'col', class: ['Total', 'Fit', 'Eng.'].includes(t) ? 'num' : undefined }, t)))),
      h(
        'tbody',
        null,
        latest.map((e) =>
          h(
            'tr',
            null,
            h('td', { class: 'nowrap' }, h('time', { datetime: e.at }, formatDateTime(e.at))),
            h('td', { class: 'num' }, String(e.total)),
            h('td', { class: 'num' }, String(e.fit)),
            h('td', { class: 'num' }, String(e.engagement)),
            h('td', null, e.grade || DASH),
            h('td', { title: e.model ? `Model ${e.model}` : undefined }, enumLabel(e.cause)),
          ),
        ),
      ),
    ),
  );
}

async function loadHistory(leadId: string, target: HTMLElement, signal: AbortSignal): Promise<void> {
  try {
    const reply = await api.get<{ items: ScoreHistoryEntry[] }>(`/api/v1/leads/${encodeURIComponent(leadId)}/score-history`, signal);
    replace(target, historyView(reply.items));
  } catch (err) {
    if (!isAbort(err)) replace(target, h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err)));
  }
}

/** The "Score" card of a lead: summary, breakdown table and score history (loaded async). */
export function scoreCard(lead: Lead, threshold: number, signal: AbortSignal): HTMLElement {
  const score = lead.score ?? { total: 0, fit: 0, engagement: 0, grade: null, breakdown: [] };
  const history = h('div', null, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  void loadHistory(String(lead.id), history, signal);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'score-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'score-title' }, 'Score'), h('a', { href: '/scoring', class: 'btn btn-ghost btn-small' }, 'Scoring models')),
    h(
      'div',
      { class: 'score-summary' },
      scorePill(score.total, threshold),
      h(
        'div',
        { class: 'score-parts' },
        h('div', null, h('span', { class: 'muted' }, 'Fit '), String(score.fit)),
        h('div', null, h('span', { class: 'muted' }, 'Engagement '), String(score.engagement)),
        h('div', null, h('span', { class: 'muted' }, 'Grade '), score.grade || DASH),
        h('div', { class: 'muted' }, `MQL at ${threshold}`),
      ),
    ),
    score.breakdown.length ? breakdownTable(score.breakdown) : h('p', { class: 'muted' }, 'No scoring rules have given points yet.'),
    h('h3', null, 'Score history'),
    history,
  );
}
