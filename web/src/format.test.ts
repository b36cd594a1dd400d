import { describe, expect, it } from 'vitest';
import {
  actorLabel,
  displayValue,
  enumLabel,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  horizonLabel,
  leadName,
  predictedPercent,
  probabilityLabel,
  scoreBand,
  stageLabel,
} from './format';

describe('stageLabel', () => {
  it.each([
    ['sql', 'SQL'],
    ['mql', 'MQL'],
    ['opportunity', 'Opportunity'],
    ['disqualified', 'Disqualified'],
    ['custom_stage', 'Custom stage'],
    ['', '—'],
  ])('%s -> %s', (stage, label) => expect(stageLabel(stage)).toBe(label));
});

describe('leadName', () => {
  const base = { id: 7, first_name: '', last_name: '', email: '', external_id: '' };
  it('joins first and last name', () => expect(leadName({ ...base, first_name: 'Ann', last_name: 'Berg' })).toBe('Ann Berg'));
  it('uses one name alone', () => expect(leadName({ ...base, last_name: 'Berg' })).toBe('Berg'));
  it('falls back to the e-mail', () => expect(leadName({ ...base, email: 'ann@x.dk' })).toBe('ann@x.dk'));
  it('then the external id', () => expect(leadName({ ...base, external_id: 'CRM-1' })).toBe('CRM-1'));
  it('then the id', () => expect(leadName(base)).toBe('Lead #7'));
});

describe('dates', () => {
  it('formats a date in the given zone', () => {
    expect(formatDate('2025-03-14T23:30:00Z', 'UTC')).toBe('2025-03-14');
    expect(formatDate('2025-03-14T23:30:00Z', 'Europe/Copenhagen')).toBe('2025-03-15');
  });
  it('formats a date and time with a 24-hour clock', () => {
    expect(formatDateTime('2025-03-14T09:05:00Z', 'UTC')).toBe('2025-03-14 09:05');
    expect(formatDateTime('2025-07-01T00:00:00Z', 'UTC')).toBe('2025-07-01 00:00');
  });
  it('shows a dash for empty and the text for invalid values', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('numbers and money', () => {
  it('formats money with the currency and drops whole decimals', () => {
    expect(formatMoney(12500, 'DKK')).toBe('DKK 12,500');
    expect(formatMoney(12500.5, 'DKK')).toBe('DKK 12,500.50');
    expect(formatMoney(0)).toBe('0');
    expect(formatMoney(null, 'DKK')).toBe('—');
  });
  it('formats numbers with separators', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(undefined)).toBe('—');
  });
});

describe('labels', () => {
  it('labels enums', () => {
    expect(enumLabel('hot')).toBe('Hot');
    expect(enumLabel('former_customer')).toBe('Former customer');
    expect(enumLabel(null)).toBe('—');
    expect(horizonLabel('now')).toBe('Here and now');
    expect(probabilityLabel(1)).toBe('1 (high)');
    expect(probabilityLabel(null)).toBe('—');
  });
  it('labels actors', () => {
    expect(actorLabel('user:ann@x.dk')).toBe('ann@x.dk');
    expect(actorLabel('apikey:3')).toBe('API key 3');
    expect(actorLabel('system')).toBe('System');
    expect(actorLabel(null)).toBe('—');
  });
  it('bands scores around the threshold', () => {
    expect(scoreBand(80)).toBe('high');
    expect(scoreBand(65)).toBe('high');
    expect(scoreBand(40)).toBe('medium');
    expect(scoreBand(0)).toBe('low');
    expect(scoreBand(null)).toBe('low');
    expect(scoreBand(50, 50)).toBe('high');
  });
  it('displays custom field values', () => {
    expect(displayValue('x')).toBe('x');
    expect(displayValue(3)).toBe('3');
    expect(displayValue(false)).toBe('false');
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(displayValue('')).toBe('—');
  });
});

describe('predictedPercent', () => {
  it('shows a probability as a whole percent and a dash without one', () => {
    expect(predictedPercent(0.734)).toBe('73 %');
    expect(predictedPercent(0)).toBe('0 %');
    expect(predictedPercent(null)).toBe('—');
    expect(predictedPercent(undefined)).toBe('—');
    expect(predictedPercent(Number.NaN)).toBe('—');
  });
});
