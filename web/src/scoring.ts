// Pure helpers of the scoring screens: the model's JSON shape, rules and score lines in words,
// the editor's draft parsing, error paths and small number formats. No DOM.
import { formatDate } from './format';

export interface TouchpointMatch {
  types?: string[];
  names?: string[];
  urls?: string[];
  filtered?: string;
}

/** A rule's condition: `field` + `op` for fit rules, `touchpoint` + `aggregation` for engagement. */
export interface RuleCondition {
  field?: string;
  op?: string;
  value?: string | number;
  values?: (string | number)[];
  min?: number;
  max?: number;
  /** One match, or several of which any selects a touchpoint. */
  touchpoint?: TouchpointMatch | TouchpointMatch[];
  aggregation?: string;
  at_least?: number;
  within_days?: number;
}

export interface ScoringRule {
  id: string;
  name?: string;
  category: 'fit' | 'engagement' | string;
  points: number;
  cap?: number;
  half_life_days?: number;
  when: RuleCondition;
}

export interface ScoringModel {
  key: string;
  name?: string;
  business_areas?: string[];
  fit_weight?: number;
  fit_max?: number;
  engagement_max?: number;
  rules: ScoringRule[];
}

export interface RescoreSummary {
  leads: number;
  changed: number;
  crossed_threshold: number;
  dropped_below_threshold: number;
}

export interface PreviewBand {
  low: number;
  high: number;
  leads: number;
  won: number;
  lost: number;
  conversion: number;
}

export interface ScoringPreview {
  leads: number;
  threshold: number;
  above_threshold: number;
  above_threshold_now: number;
  would_cross: number;
  would_drop: number;
  won: number;
  lost: number;
  auc: number | null;
  mean_total: number;
  bands: PreviewBand[];
}

export interface ScoreHistoryEntry {
  at: string;
  total: number;
  fit: number;
  engagement: number;
  grade: string | null;
  model: string | null;
  cause: string;
}

const FIELD_LABELS: Record<string, string> = {
  email: 'e-mail',
  email_domain: 'e-mail domain',
  first_name: 'first name',
  last_name: 'last name',
  business_area: 'business area',
  first_touch_channel: 'first-touch channel',
  latest_touch_channel: 'latest-touch channel',
  'company.name': 'company name',
  'company.domain': 'company domain',
  'company.industry': 'company industry',
  'company.employees': 'company employees',
  'company.annual_revenue': 'company annual revenue',
  'company.country': 'company country',
  'company.customer_status': 'company customer status',
};

/** "company.employees" -> "company employees", "custom.budget" -> 'custom field "budget"'. */
export function fieldLabel(field: string | undefined): string {
  if (!field) return 'the field';
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  if (field.startsWith('custom.')) return `custom field "${field.slice('custom.'.length)}"`;
  return field.replace(/[_.]+/g, ' ');
}

/** ["a", "b", "c"] -> 'a, b or c' ("and" with `joiner`); values are quoted when `quote`. */
export function listText(values: readonly (string | number)[], joiner = 'or', quote = true): string {
  const parts = values.map((v) => (quote ? `"${v}"` : String(v)));
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${joiner} ${parts[parts.length - 1]}`;
}

function conditionValues(when: RuleCondition): (string | number)[] {
  if (when.values && when.values.length) return when.values;
  return when.value === undefined ? [] : [when.value];
}

function describeFit(when: RuleCondition): string {
  const f = fieldLabel(when.field);
  const values = conditionValues(when);
  const list = listText(values);
  switch (when.op) {
    case 'equals': return `${f} is ${list}`;
    case 'not_equals': return `${f} is set and is not ${list}`;
    case 'in': return `${f} is one of ${listText(values, 'or')}`;
    case 'not_in': return `${f} is set and is none of ${listText(values, 'or')}`;
    case 'contains': return `${f} contains ${list}`;
    case 'prefix': return `${f} starts with ${list}`;
    case 'suffix': return `${f} ends with ${list}`;
    case 'regex': return `${f} matches the pattern ${list}`;
    case 'exists': return `${f} is filled in`;
    case 'missing': return `${f} is empty`;
    case 'free_mail': return `${f} is at a free-mail provider`;
    case 'domain_in': return `${f} is at ${list} (or a subdomain)`;
    case 'keywords': return `${f} has the word${values.length === 1 ? '' : 's'} ${list}`;
    case 'between': return `${f} ${rangeText(when.min, when.max)}`;
    default: return `${f} ${when.op ?? '?'} ${list}`.trim();
  }
}

function rangeText(min: number | undefined, max: number | undefined): string {
  const n = (v: number) => new Intl.NumberFormat('en-US').format(v);
  if (min !== undefined && max !== undefined) return `is between ${n(min)} and ${n(max)}`;
  if (min !== undefined) return `is at least ${n(min)}`;
  if (max !== undefined) return `is at most ${n(max)}`;
  return 'is any number';
}

const TOUCH_TYPES: Record<string, [string, string]> = {
  page: ['page view', 'page views'],
  track: ['event', 'events'],
  form: ['form submission', 'form submissions'],
  email_open: ['e-mail open', 'e-mail opens'],
  email_click: ['e-mail click', 'e-mail clicks'],
  call: ['call', 'calls'],
  meeting: ['meeting', 'meetings'],
  event_attendance: ['event attended', 'events attended'],
  demo_booked: ['demo booking', 'demo bookings'],
  trial_started: ['trial started', 'trials started'],
  email_sent: ['e-mail sent', 'e-mails sent'],
  content_downloaded: ['content download', 'content downloads'],
};

/** "page" -> "page view" ("page views" when `plural`); unknown types read "<type> touchpoint". */
export function touchTypeLabel(type: string, plural = false): string {
  const known = TOUCH_TYPES[type];
  if (known) return known[plural ? 1 : 0];
  const label = `${type.replace(/_/g, ' ')} touchpoint`;
  return plural ? `${label}s` : label;
}

/**
 * What a touchpoint match selects, e.g. 'page views at /pricing*' or 'touchpoints named "demo_booked"';
 * a list of matches reads as its alternatives joined by "or".
 */
export function describeTouchpoints(match: TouchpointMatch | TouchpointMatch[] | undefined, plural = true): string {
  if (Array.isArray(match)) return match.map((one) => describeOneMatch(one, plural)).join(' or ');
  return describeOneMatch(match, plural);
}

function describeOneMatch(match: TouchpointMatch | undefined, plural: boolean): string {
  const types = match?.types ?? [];
  let what = types.length
    ? listText(types.map((t) => touchTypeLabel(t, plural)), 'or', false)
    : plural ? 'touchpoints' : 'touchpoint';
  if (match?.names?.length) what += ` named ${listText(match.names)}`;
  if (match?.urls?.length) what += ` at ${listText(match.urls, 'or', false)}`;
  if (match?.filtered) {
    what += match.filtered === 'any' ? ' filtered as bot or spam' : ` filtered as ${match.filtered}`;
  }
  return what;
}

function windowText(days: number | undefined): string {
  return days && days > 0 ? ` within ${days} day${days === 1 ? '' : 's'}` : ' of all time';
}

function describeEngagement(when: RuleCondition): string {
  const atLeast = when.at_least ?? 1;
  switch (when.aggregation ?? 'each') {
    case 'count':
      return `at least ${atLeast} ${describeTouchpoints(when.touchpoint)}${windowText(when.within_days)}`;
    case 'distinct_days':
      return `${describeTouchpoints(when.touchpoint)} on at least ${atLeast} different days${windowText(when.within_days)}`;
    case 'recency':
      return `latest ${describeTouchpoints(when.touchpoint, false)}${windowText(when.within_days)}`;
    case 'inactivity': {
      const what = when.touchpoint ? describeTouchpoints(when.touchpoint, false) : 'activity';
      return `no ${what}${windowText(when.within_days)}`;
    }
    case 'each': {
      const window = when.within_days && when.within_days > 0 ? windowText(when.within_days) : '';
      return `each ${describeTouchpoints(when.touchpoint, false)}${window}`;
    }
    default:
      return `${when.aggregation} of ${describeTouchpoints(when.touchpoint)}`;
  }
}

/** A rule's condition in words, e.g. "title has the words "ceo" or "director"". */
export function describeRule(rule: Pick<ScoringRule, 'category' | 'when'>): string {
  const when = rule.when ?? {};
  const isBehaviour = rule.category === 'engagement' || when.touchpoint !== undefined || when.aggregation !== undefined;
  return isBehaviour && when.field === undefined ? describeEngagement(when) : describeFit(when);
}

/** 5 -> "+5", -15 -> "−15", 2.5 -> "+2.5". */
export function signedPoints(points: number): string {
  const text = Number.isInteger(points) ? String(Math.abs(points)) : String(Math.abs(Number(points.toFixed(2))));
  if (points > 0) return `+${text}`;
  if (points < 0) return `−${text}`;
  return '0';
}

/** 0.354 -> "35%". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** The AUC for display, or why there is none. */
export function aucText(auc: number | null | undefined): string {
  if (auc === null || auc === undefined || Number.isNaN(auc)) return 'needs won and lost leads';
  return auc.toFixed(2);
}

/** The share of a band's decided leads that were won: "40%", or "—" when none were decided. */
export function conversionText(band: Pick<PreviewBand, 'won' | 'lost' | 'conversion'>): string {
  return band.won + band.lost === 0 ? '—' : percent(band.conversion);
}

/** Width of a bar in percent of the largest value (0 when there is none). */
export function barWidth(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1, Math.round((100 * value) / max));
}

export interface BreakdownLine {
  occurred_at?: string | null;
  decay?: number | null;
  half_life_days?: number | null;
  detail?: string | null;
  category?: string | null;
}

/**
 * When a breakdown line's points came from and how far they decayed, e.g.
 * "from page view on 2026-11-02, decayed to 35% (half-life 90 days)" or, for once-rules,
 * "latest match on 2026-11-02, ..."; "" for fit lines.
 */
export function breakdownWhen(item: BreakdownLine, timeZone?: string): string {
  const parts: string[] = [];
  if (item.occurred_at) {
    // Per-touchpoint lines start "<type> '<page or event>' at ..."; once-rules name their latest match.
    const type = /^(\w+) '/.exec(item.detail ?? '')?.[1];
    const date = formatDate(item.occurred_at, timeZone);
    parts.push(type ? `from ${touchTypeLabel(type)} on ${date}` : `latest match on ${date}`);
  }
  const decay = item.decay ?? 1;
  // A barely decayed line must not read "decayed to 100%".
  if (decay < 1) parts.push(`decayed to ${Math.min(99, Math.round(decay * 100))}%`);
  else if (item.occurred_at && item.half_life_days) parts.push('not decayed yet');
  let text = parts.join(', ');
  if (text && item.half_life_days) text += ` (half-life ${item.half_life_days} days)`;
  return text;
}

/** Block characters for a compact trend of totals 0–100, e.g. "▁▃▇". */
export function sparkline(totals: readonly number[]): string {
  const blocks = '▁▂▃▄▅▆▇█';
  return totals
    .map((t) => blocks[Math.min(blocks.length - 1, Math.max(0, Math.floor((t / 100) * blocks.length)))])
    .join('');
}

export type DraftResult = { ok: true; model: ScoringModel } | { ok: false; message: string };

/** Where `position` (a character offset) lies in `text`: "line 3, column 5". */
export function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** The editor's text as a model object, or a message saying where the JSON is broken. */
export function parseDraft(text: string): DraftResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` (${lineColumn(text, Number(position[1]))})` : '';
    return { ok: false, message: `The model is not valid JSON${where}: ${message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The model must be a JSON object with "key" and "rules".' };
  }
  return { ok: true, model: value as ScoringModel };
}

export const MODEL_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * A copy of `model` under `key` for a new model, or an error message when the key is not a valid
 * slug or is taken.
 */
export function copyModel(model: ScoringModel, key: string, takenKeys: readonly string[]): ScoringModel | string {
  const slug = key.trim();
  if (!MODEL_KEY_PATTERN.test(slug)) return 'Use lowercase letters, digits, "-" and "_" for the key, e.g. tv-model.';
  if (takenKeys.includes(slug)) return `A model with the key "${slug}" exists already.`;
  const copy = JSON.parse(JSON.stringify(model)) as ScoringModel;
  copy.key = slug;
  copy.name = `${model.name || model.key} (copy)`;
  return copy;
}

/** The rule index an API error path names ("rules[2].when.op", "items[0].rules[2]..." -> 2), else null. */
export function ruleIndexOf(field: string | null | undefined): number | null {
  const match = /(?:^|\.)rules\[(\d+)\]/.exec(field ?? '');
  return match ? Number(match[1]) : null;
}

/** "2 of 40 leads" style summary of a rescore. */
export function rescoreText(summary: RescoreSummary): string {
  return (
    `Rescored ${summary.leads} lead${summary.leads === 1 ? '' : 's'}: ${summary.changed} changed, ` +
    `${summary.crossed_threshold} crossed the threshold, ${summary.dropped_below_threshold} dropped below it.`
  );
}
