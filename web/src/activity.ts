// Pure helpers of the lead page's "Log activity" and "Merge" forms and the channel-rules editor:
// turning form values into API bodies (and back), so that they can be tested without a DOM.

/** The touchpoint types POST /api/v1/leads/{id}/touchpoints takes, with their labels. */
export const ACTIVITY_TYPES: readonly (readonly [string, string])[] = [
  ['call', 'Phone call'],
  ['meeting', 'Meeting'],
  ['event_attendance', 'Event attendance'],
  ['demo_booked', 'Demo booked'],
  ['trial_started', 'Trial started'],
  ['email_sent', 'E-mail sent'],
  ['email_opened', 'E-mail opened'],
  ['email_clicked', 'E-mail clicked'],
  ['content_downloaded', 'Content downloaded'],
];

export interface ActivityValues {
  type: string;
  when: string; // a datetime-local value ("2026-03-01T09:30"), or '' for now
  channel: string;
  note: string;
}

export interface TouchpointBody {
  type: string;
  name: string;
  occurred_at?: string;
  channel?: string;
  properties?: { note: string };
}

/** The body of POST /api/v1/leads/{id}/touchpoints. `when` is read in the browser's time zone. */
export function touchpointBody(values: ActivityValues): TouchpointBody {
  const label = ACTIVITY_TYPES.find(([key]) => key === values.type)?.[1] ?? values.type;
  const body: TouchpointBody = { type: values.type, name: label };
  const when = values.when.trim();
  if (when) {
    const at = new Date(when);
    // An unreadable value goes as typed, so that the server names the field.
    body.occurred_at = Number.isNaN(at.getTime()) ? when : at.toISOString();
  }
  if (values.channel) body.channel = values.channel;
  const note = values.note.trim();
  if (note) body.properties = { note };
  return body;
}

/**
 * The lead id the merge form names: a number, or a lead URL/path ending in /leads/{id}. null when
 * it is neither.
 */
export function leadIdFrom(text: string): number | null {
  const trimmed = text.trim();
  const match = /^(?:.*\/leads\/)?(\d+)\/?$/.exec(trimmed);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const RULE_CONDITIONS = ['utm_source', 'utm_medium', 'click_id', 'referrer_domain'] as const;
export type RuleCondition = (typeof RULE_CONDITIONS)[number];

export interface ChannelRule {
  channel: string;
  match: Partial<Record<RuleCondition, string>>;
}

/** One editor row: the channel and every condition as text ('' when not set). */
export type RuleRow = { channel: string } & Record<RuleCondition, string>;

export function rulesToRows(rules: readonly ChannelRule[]): RuleRow[] {
  return rules.map((rule) => {
    const row = { channel: rule.channel } as RuleRow;
    for (const name of RULE_CONDITIONS) row[name] = rule.match[name] ?? '';
    return row;
  });
}

/**
 * The body of PUT /api/v1/channel-rules: rows in order, empty conditions left out, rows with
 * nothing at all in them dropped (a half-filled row is sent, so that the server names its error).
 */
export function rowsToRules(rows: readonly RuleRow[]): { rules: ChannelRule[] } {
  const rules: ChannelRule[] = [];
  for (const row of rows) {
    const match: ChannelRule['match'] = {};
    for (const name of RULE_CONDITIONS) {
      const text = row[name].trim();
      if (text) match[name] = text;
    }
    const channel = row.channel.trim();
    if (!channel && Object.keys(match).length === 0) continue;
    rules.push({ channel, match });
  }
  return { rules };
}

/** The row index an API error field such as "rules[2].match.utm_source" names, or null. */
export function ruleIndexOf(field: string | null | undefined): number | null {
  const match = /^rules\[(\d+)\]/.exec(field ?? '');
  return match ? Number(match[1]) : null;
}
