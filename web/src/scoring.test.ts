import { describe, expect, it } from 'vitest';
import {
  aucText,
  barWidth,
  breakdownWhen,
  conversionText,
  copyModel,
  describeRule,
  fieldLabel,
  lineColumn,
  parseDraft,
  rescoreText,
  ruleIndexOf,
  signedPoints,
  sparkline,
  type ScoringModel,
} from './scoring';

const fit = (when: object) => describeRule({ category: 'fit', when });
const engagement = (when: object) => describeRule({ category: 'engagement', when });

describe('describeRule: fit conditions', () => {
  it.each([
    [{ field: 'company.country', op: 'equals', value: 'DK' }, 'company country is "DK"'],
    [{ field: 'rating', op: 'not_equals', values: ['cold'] }, 'rating is set and is not "cold"'],
    [{ field: 'company.country', op: 'in', values: ['DK', 'SE', 'NO'] }, 'company country is one of "DK", "SE" or "NO"'],
    [{ field: 'company.country', op: 'not_in', values: ['DK'] }, 'company country is set and is none of "DK"'],
    [{ field: 'company.name', op: 'contains', values: ['media', 'reklame'] }, 'company name contains "media" or "reklame"'],
    [{ field: 'company.industry', op: 'prefix', values: ['58'] }, 'company industry starts with "58"'],
    [{ field: 'email_domain', op: 'suffix', values: ['.edu'] }, 'e-mail domain ends with ".edu"'],
    [{ field: 'title', op: 'regex', value: '\\bvp\\b' }, 'title matches the pattern "\\bvp\\b"'],
    [{ field: 'phone', op: 'exists' }, 'phone is filled in'],
    [{ field: 'company.domain', op: 'missing' }, 'company domain is empty'],
    [{ field: 'email', op: 'free_mail' }, 'e-mail is at a free-mail provider'],
    [{ field: 'email', op: 'domain_in', values: ['rival.dk'] }, 'e-mail is at "rival.dk" (or a subdomain)'],
    [{ field: 'title', op: 'keywords', values: ['ceo', 'director', 'head of'] }, 'title has the words "ceo", "director" or "head of"'],
    [{ field: 'title', op: 'keywords', values: ['ceo'] }, 'title has the word "ceo"'],
    [{ field: 'custom.budget', op: 'exists' }, 'custom field "budget" is filled in'],
  ])('%o reads "%s"', (when, text) => {
    expect(fit(when)).toBe(text);
  });

  it('reads numeric ranges with one or both ends and thousands separators', () => {
    expect(fit({ field: 'company.employees', op: 'between', min: 10, max: 49 })).toBe('company employees is between 10 and 49');
    expect(fit({ field: 'company.employees', op: 'between', min: 250 })).toBe('company employees is at least 250');
    expect(fit({ field: 'company.annual_revenue', op: 'between', max: 100000000 })).toBe(
      'company annual revenue is at most 100,000,000',
    );
  });

  it('keeps an operator it does not know visible instead of hiding it', () => {
    expect(fit({ field: 'title', op: 'sounds_like', values: ['boss'] })).toBe('title sounds_like "boss"');
  });
});

describe('describeRule: engagement conditions', () => {
  it('reads "each" rules with type and URL pattern, and without any window', () => {
    expect(engagement({ touchpoint: { types: ['page'], urls: ['/pricing*'] } })).toBe('each page view at /pricing*');
    expect(engagement({ touchpoint: { types: ['call', 'meeting'] }, aggregation: 'each', within_days: 30 })).toBe(
      'each call or meeting within 30 days',
    );
  });

  it('reads counts and distinct days with their threshold and window', () => {
    expect(
      engagement({ touchpoint: { names: ['whitepaper_download'] }, aggregation: 'count', at_least: 3, within_days: 90 }),
    ).toBe('at least 3 touchpoints named "whitepaper_download" within 90 days');
    expect(engagement({ touchpoint: { types: ['page'] }, aggregation: 'distinct_days', at_least: 3, within_days: 30 })).toBe(
      'page views on at least 3 different days within 30 days',
    );
    expect(engagement({ touchpoint: { types: ['page'] }, aggregation: 'count', at_least: 2 })).toBe(
      'at least 2 page views of all time',
    );
  });

  it('reads recency, inactivity and filtered traffic', () => {
    expect(engagement({ touchpoint: { names: ['demo_booked'] }, aggregation: 'recency', within_days: 365 })).toBe(
      'latest touchpoint named "demo_booked" within 365 days',
    );
    expect(
      engagement({
        touchpoint: [{ names: ['demo_booked'] }, { types: ['demo_booked'] }],
        aggregation: 'recency',
        within_days: 365,
      }),
    ).toBe('latest touchpoint named "demo_booked" or demo booking within 365 days');
    expect(engagement({ aggregation: 'inactivity', within_days: 90 })).toBe('no activity within 90 days');
    expect(engagement({ touchpoint: { filtered: 'bot' }, aggregation: 'recency', within_days: 1 })).toBe(
      'latest touchpoint filtered as bot within 1 day',
    );
    expect(engagement({ touchpoint: { filtered: 'any' } })).toBe('each touchpoint filtered as bot or spam');
  });

  it('treats a touchpoint condition as engagement even under a wrong category, so the text shows what the rule looks at', () => {
    expect(describeRule({ category: 'fit', when: { touchpoint: { types: ['form'] } } })).toBe('each form submission');
  });
});

describe('small formats', () => {
  it('signs points with a real minus and keeps decimals short', () => {
    expect(signedPoints(5)).toBe('+5');
    expect(signedPoints(-15)).toBe('−15');
    expect(signedPoints(2.345)).toBe('+2.35');
    expect(signedPoints(0)).toBe('0');
  });

  it('says why there is no AUC', () => {
    expect(aucText(null)).toBe('needs won and lost leads');
    expect(aucText(0.8234)).toBe('0.82');
  });

  it('shows no conversion for a band without won or lost leads', () => {
    expect(conversionText({ won: 0, lost: 0, conversion: 0 })).toBe('—');
    expect(conversionText({ won: 1, lost: 3, conversion: 0.25 })).toBe('25%');
  });

  it('scales bars to the largest value and keeps small non-zero bars visible', () => {
    expect(barWidth(50, 100)).toBe(50);
    expect(barWidth(1, 1000)).toBe(1);
    expect(barWidth(0, 10)).toBe(0);
    expect(barWidth(5, 0)).toBe(0);
  });

  it('labels fields for people', () => {
    expect(fieldLabel('company.employees')).toBe('company employees');
    expect(fieldLabel('first_touch_channel')).toBe('first-touch channel');
    expect(fieldLabel('stage')).toBe('stage');
  });

  it('draws a sparkline from low to high totals', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
    expect(sparkline([])).toBe('');
  });

  it('summarises a rescore', () => {
    expect(rescoreText({ leads: 40, changed: 3, crossed_threshold: 1, dropped_below_threshold: 0 })).toBe(
      'Rescored 40 leads: 3 changed, 1 crossed the threshold, 0 dropped below it.',
    );
  });
});

describe('breakdownWhen', () => {
  it('names the touchpoint type and date and the decay in percent', () => {
    const text = breakdownWhen(
      { occurred_at: '2026-11-02T10:00:00Z', decay: 0.354, half_life_days: 30, detail: "page '/pricing' at 2026-11-02T10:00:00Z" },
      'UTC',
    );
    expect(text).toBe('from page view on 2026-11-02, decayed to 35% (half-life 30 days)');
  });

  it('says a fresh touchpoint has not decayed yet, and fit lines have no time', () => {
    expect(breakdownWhen({ occurred_at: '2026-11-02T10:00:00Z', decay: 1, half_life_days: 90, detail: "call 'call' at x" }, 'UTC')).toBe(
      'from call on 2026-11-02, not decayed yet (half-life 90 days)',
    );
    expect(breakdownWhen({ occurred_at: null, decay: 1, half_life_days: null, detail: 'title has ceo' })).toBe('');
  });

  it('names the latest match for once-rules and never shows a decayed line as 100%', () => {
    const line = { occurred_at: '2026-11-22T04:00:00Z', decay: 0.998, half_life_days: 90, detail: 'visits on 9 distinct days within 30 days (at least 3)' };
    expect(breakdownWhen(line, 'UTC')).toBe('latest match on 2026-11-22, decayed to 99% (half-life 90 days)');
  });
});

describe('parseDraft', () => {
  it('returns the model of valid JSON', () => {
    const result = parseDraft('{"key": "m", "rules": []}');
    expect(result).toEqual({ ok: true, model: { key: 'm', rules: [] } });
  });

  it('rejects broken JSON and non-objects with a message', () => {
    const broken = parseDraft('{"key": "m",\n "rules": [}');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message).toMatch(/^The model is not valid JSON/);
    const list = parseDraft('[1]');
    expect(list).toEqual({ ok: false, message: 'The model must be a JSON object with "key" and "rules".' });
  });

  it('turns a character position into line and column', () => {
    expect(lineColumn('ab\ncd\nef', 7)).toBe('line 3, column 2');
    expect(lineColumn('abc', 0)).toBe('line 1, column 1');
  });
});

describe('copyModel', () => {
  const model: ScoringModel = { key: 'default', name: 'Default', rules: [{ id: 'r', category: 'fit', points: 1, when: { field: 'title', op: 'exists' } }] };

  it('copies rules under the new key without changing the original', () => {
    const copy = copyModel(model, 'tv', ['default']);
    expect(typeof copy).toBe('object');
    if (typeof copy === 'string') return;
    expect(copy.key).toBe('tv');
    expect(copy.name).toBe('Default (copy)');
    copy.rules[0].points = 9;
    expect(model.rules[0].points).toBe(1);
  });

  it('refuses keys that are not slugs or are taken', () => {
    expect(copyModel(model, 'TV model', [])).toMatch(/lowercase/);
    expect(copyModel(model, 'default', ['default'])).toBe('A model with the key "default" exists already.');
  });
});

describe('ruleIndexOf', () => {
  it('finds the rule an error path names, also inside a model list', () => {
    expect(ruleIndexOf('rules[2].when.op')).toBe(2);
    expect(ruleIndexOf('items[1].rules[12].points')).toBe(12);
    expect(ruleIndexOf('fit_weight')).toBeNull();
    expect(ruleIndexOf(null)).toBeNull();
  });
});
