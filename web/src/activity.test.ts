import { describe, expect, it } from 'vitest';
import { leadIdFrom, ruleIndexOf, rowsToRules, rulesToRows, touchpointBody } from './activity';

describe('touchpointBody', () => {
  it('names the activity by its type and leaves out what is empty', () => {
    expect(touchpointBody({ type: 'call', when: '', channel: '', note: '  ' })).toEqual({ type: 'call', name: 'Phone call' });
  });
  it('converts the local time to ISO 8601 and keeps channel and note', () => {
    const body = touchpointBody({ type: 'meeting', when: '2026-03-01T09:30', channel: 'event', note: ' Met at the fair ' });
    expect(body.occurred_at).toBe(new Date('2026-03-01T09:30').toISOString());
    expect(body.channel).toBe('event');
    expect(body.properties).toEqual({ note: 'Met at the fair' });
  });
  it('sends an unreadable time as typed so the server can name the field', () => {
    expect(touchpointBody({ type: 'call', when: 'yesterday', channel: '', note: '' }).occurred_at).toBe('yesterday');
  });
});

describe('leadIdFrom', () => {
  it('reads ids and lead URLs', () => {
    expect(leadIdFrom(' 42 ')).toBe(42);
    expect(leadIdFrom('/leads/17')).toBe(17);
    expect(leadIdFrom('https://crm.example/leads/9/')).toBe(9);
  });
  it('rejects anything else', () => {
    expect(leadIdFrom('')).toBeNull();
    expect(leadIdFrom('0')).toBeNull();
    expect(leadIdFrom('ann@acme.dk')).toBeNull();
    expect(leadIdFrom('/companies/3')).toBeNull();
  });
});

describe('channel rule rows', () => {
  const rules = [
    { channel: 'partner', match: { utm_source: 'acme-*' } },
    { channel: 'event', match: { utm_medium: 'fair', referrer_domain: 'expo.dk' } },
  ];
  it('round-trip through the editor rows', () => {
    expect(rowsToRules(rulesToRows(rules))).toEqual({ rules });
  });
  it('drop empty rows and empty conditions, keep half-filled rows for the server to name', () => {
    const rows = rulesToRows(rules);
    rows.push({ channel: ' ', utm_source: '', utm_medium: '', click_id: '', referrer_domain: '' });
    rows.push({ channel: 'partner', utm_source: ' ', utm_medium: '', click_id: '', referrer_domain: '' });
    expect(rowsToRules(rows).rules).toEqual([...rules, { channel: 'partner', match: {} }]);
  });
  it('find the row an error names', () => {
    expect(ruleIndexOf('rules[2].match.utm_source')).toBe(2);
    expect(ruleIndexOf('rules')).toBeNull();
    expect(ruleIndexOf(null)).toBeNull();
  });
});
