// Pure formatting of API values for display: names, dates, money, stage and enum labels.
import type { Lead } from './types';

export const STAGES = [
  'prospect',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'won',
  'lost',
  'nurture',
  'recycled',
  'disqualified',
] as const;

const STAGE_LABELS: Record<string, string> = {
  prospect: 'Prospect',
  lead: 'Lead',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  nurture: 'Nurture',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
};

export const RATINGS = ['hot', 'warm', 'cold'] as const;
export const HORIZONS = ['now', 'later'] as const;
export const POTENTIALS = ['A', 'B', 'C'] as const;
export const PROBABILITIES = [1, 2, 3] as const;
export const ROLES = ['admin', 'marketing', 'sales', 'tracking'] as const;
export const CUSTOMER_STATUSES = ['prospect', 'customer', 'former_customer'] as const;

export const DASH = '—';

/** "sql" -> "SQL", "opportunity" -> "Opportunity"; unknown ids are capitalised. */
export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return DASH;
  return STAGE_LABELS[stage] ?? capitalise(stage.replace(/[_-]+/g, ' '));
}

/** "hot" -> "Hot", "former_customer" -> "Former customer", null -> "—". */
export function enumLabel(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return DASH;
  return capitalise(String(value).replace(/[_-]+/g, ' '));
}

export function horizonLabel(value: string | null | undefined): string {
  if (value === 'now') return 'Here and now';
  if (value === 'later') return 'Later';
  return enumLabel(value);
}

export function probabilityLabel(value: number | string | null | undefined): string {
  const labels: Record<string, string> = { '1': '1 (high)', '2': '2 (medium)', '3': '3 (low)' };
  if (value === null || value === undefined || value === '') return DASH;
  return labels[String(value)] ?? String(value);
}

/** A predicted conversion probability (0..1) as a whole percent, "73 %"; a dash without one. */
export function predictedPercent(probability: number | null | undefined): string {
  if (probability === null || probability === undefined || !Number.isFinite(probability)) return DASH;
  return `${Math.round(probability * 100)} %`;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** The name to show for a lead: "First Last", else e-mail, else external id, else "Lead #id". */
export function leadName(
  lead: Pick<Lead, 'id' | 'first_name' | 'last_name' | 'email' | 'external_id'>,
): string {
  const name = [lead.first_name, lead.last_name]
    .map((part) => (part ?? '').trim())
    .filter(Boolean)
    .join(' ');
  if (name) return name;
  if (lead.email) return lead.email;
  if (lead.external_id) return lead.external_id;
  return `Lead #${lead.id}`;
}

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ISO timestamp -> "2025-03-14" in `timeZone` (default: the browser's). Invalid/empty -> "—". */
export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  const date = parseDate(iso);
  if (!date) return iso ? String(iso) : DASH;
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** ISO timestamp -> "2025-03-14 09:05" in `timeZone` (default: the browser's). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  const date = parseDate(iso);
  if (!date) return iso ? String(iso) : DASH;
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDate(iso, timeZone)} ${get('hour')}:${get('minute')}`;
}

/** 12500.5, "DKK" -> "DKK 12,500.50"; whole amounts drop the decimals. null -> "—". */
export function formatMoney(value: number | null | undefined, currency = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  const whole = Number.isInteger(value);
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
  return currency ? `${currency} ${text}` : text;
}

/** 1234567 -> "1,234,567"; null -> "—". */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return new Intl.NumberFormat('en-US').format(value);
}

/** Score band used for colouring: >= 65 high, >= 35 medium, else low. */
export function scoreBand(total: number | null | undefined, threshold = 65): 'high' | 'medium' | 'low' {
  const value = total ?? 0;
  if (value >= threshold) return 'high';
  if (value >= Math.round(threshold / 2)) return 'medium';
  return 'low';
}

/** "user:ann@x.dk" -> "ann@x.dk", "apikey:3" -> "API key 3", "system" -> "System". */
export function actorLabel(actor: string | null | undefined): string {
  if (!actor) return DASH;
  const [kind, ...rest] = actor.split(':');
  const value = rest.join(':');
  if (!value) return capitalise(actor);
  if (kind === 'user') return value;
  if (kind === 'apikey') return `API key ${value}`;
  return actor;
}

/** Display text of any custom-field value. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return DASH;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
