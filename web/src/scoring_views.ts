// DOM views of the scoring page: a model's rules as a table, a preview's figures and score bands,
// a rescore summary and a model validation error with its path.
import { h } from './dom';
import { ApiError, errorMessage } from './errors';
import { DASH, enumLabel, formatNumber } from './format';
import {
  aucText,
  barWidth,
  conversionText,
  describeRule,
  rescoreText,
  ruleIndexOf,
  signedPoints,
  type RescoreSummary,
  type ScoringModel,
  type ScoringPreview,
} from './scoring';

/** The model's rules, one row each; the row `invalidIndex` names is marked. */
export function rulesTable(model: ScoringModel, invalidIndex: number | null = null): HTMLElement {
  const head = ['Rule', 'Category', 'Points', 'Cap', 'Half-life', 'Applies when'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table-compact rules-table' },
      h('caption', { class: 'visually-hidden' }, `Rules of ${model.name || model.key}`),
      h('thead', null, h('tr', null, head.map((t) => h('th', { scope: 'col', class: ['Points', 'Cap'].includes(t) ? 'num' : undefined }, t)))),
      h(
        'tbody',
        null,
        (model.rules ?? []).map((rule, idx) =>
          h(
            'tr',
            { 'data-rule-id': rule.id, class: idx === invalidIndex ? 'is-invalid' : undefined },
            h('th', { scope: 'row' }, h('code', null, rule.id), rule.name && rule.name !== rule.id ? h('div', { class: 'cell-sub' }, rule.name) : null),
            h('td', null, h('span', { class: `badge category-${rule.category}` }, enumLabel(rule.category))),
            h('td', { class: `num ${rule.points < 0 ? 'neg' : ''}` }, signedPoints(rule.points)),
            h('td', { class: 'num' }, rule.cap === undefined ? DASH : String(rule.cap)),
            h('td', { class: 'nowrap' }, rule.half_life_days === undefined ? DASH : `${rule.half_life_days} days`),
            h('td', { class: 'rule-condition' }, describeRule(rule)),
          ),
        ),
      ),
    ),
  );
}

/** What a model's settings are, as a definition list. */
export function modelFacts(model: ScoringModel, areaName: (key: string) => string): HTMLElement {
  const areas = model.business_areas?.length ? model.business_areas.map(areaName).join(', ') : 'All (catch-all)';
  const rows: [string, string][] = [
    ['Key', model.key],
    ['Business areas', areas],
    ['Fit weight', String(model.fit_weight ?? 0.5)],
    ['Fit points for 100', model.fit_max === undefined ? 'Sum of positive fit points' : String(model.fit_max)],
    ['Engagement points for 100', model.engagement_max === undefined ? 'Sum of positive engagement maxima' : String(model.engagement_max)],
  ];
  return h('dl', { class: 'fields model-facts' }, rows.map(([k, v]) => h('div', { class: 'fields-row' }, h('dt', null, k), h('dd', null, v))));
}

function figure(label: string, value: string, testId: string): HTMLElement {
  return h('div', { class: 'figure', 'data-testid': testId }, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, label));
}

function bandsTable(preview: ScoringPreview): HTMLElement {
  const max = Math.max(0, ...preview.bands.map((b) => b.leads));
  return h(
    'table',
    { class: 'table table-compact bands-table' },
    h('caption', null, 'Leads per score band under the draft, with the share of decided leads that were won'),
    h('thead', null, h('tr', null, ['Score', 'Leads', '', 'Won', 'Lost', 'Conversion'].map((t) => h('th', { scope: 'col', class: t === '' ? undefined : 'num' }, t || h('span', { class: 'visually-hidden' }, 'Bar'))))),
    h(
      'tbody',
      null,
      preview.bands.map((band) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row', class: 'num nowrap' }, `${band.low}–${band.high}`),
          h('td', { class: 'num' }, formatNumber(band.leads)),
          h('td', { class: 'bar-cell', 'aria-hidden': 'true' }, h('span', { class: 'bar', style: `width: ${barWidth(band.leads, max)}%` })),
          h('td', { class: 'num' }, formatNumber(band.won)),
          h('td', { class: 'num' }, formatNumber(band.lost)),
          h('td', { class: 'num' }, conversionText(band)),
        ),
      ),
    ),
  );
}

/** A preview's figures (leads, AUC, threshold counts, mean) and its score bands. */
export function previewView(preview: ScoringPreview): HTMLElement {
  return h(
    'div',
    { class: 'preview', 'data-testid': 'preview' },
    h(
      'div',
      { class: 'figures' },
      figure('Leads scored', formatNumber(preview.leads), 'preview-leads'),
      figure(`AUC won vs lost (${preview.won} won, ${preview.lost} lost)`, aucText(preview.auc), 'preview-auc'),
      figure(`At or above ${preview.threshold} now`, formatNumber(preview.above_threshold_now), 'preview-above-now'),
      figure(`At or above ${preview.threshold} with the draft`, formatNumber(preview.above_threshold), 'preview-above'),
      figure('Would cross the threshold', formatNumber(preview.would_cross), 'preview-cross'),
      figure('Would drop below it', formatNumber(preview.would_drop), 'preview-drop'),
      figure('Mean total', preview.mean_total.toFixed(1), 'preview-mean'),
    ),
    h('div', { class: 'table-wrap' }, bandsTable(preview)),
  );
}

/** A rescore's counts as a success message. */
export function rescoreView(title: string, summary: RescoreSummary): HTMLElement {
  return h(
    'div',
    { class: 'alert alert-success rescore-summary', role: 'status', 'data-testid': 'rescore-summary' },
    h('strong', null, `${title} `),
    rescoreText(summary),
  );
}

/** An API error about a model: the path it names (and that rule's id), then the message. */
export function modelErrorView(err: unknown, model: ScoringModel | null): HTMLElement {
  const field = err instanceof ApiError ? err.field : null;
  const message = errorMessage(err);
  const ruleIdx = ruleIndexOf(field);
  const rule = ruleIdx !== null ? model?.rules?.[ruleIdx] : undefined;
  // The server's message may start with the path already; show the path once.
  const text = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return h(
    'div',
    { class: 'alert alert-error model-error', role: 'alert', 'data-field': field ?? undefined },
    field ? h('p', { class: 'model-error-path' }, h('code', null, field), rule ? ` (rule "${rule.id}", number ${ruleIdx! + 1})` : '') : null,
    h('p', { class: 'model-error-message' }, text),
  );
}
