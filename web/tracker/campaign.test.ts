import { describe, expect, it } from 'vitest';
import { parseCampaign } from './campaign';

describe('parseCampaign', () => {
  it('maps the five UTM parameters, utm_campaign to name', () => {
    expect(
      parseCampaign('?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=crm+tool&utm_content=ad%201'),
    ).toEqual({
      campaign: { source: 'google', medium: 'cpc', name: 'spring', term: 'crm tool', content: 'ad 1' },
      clicks: undefined,
    });
  });
  it('reads click ids, case-insensitively, and ignores empty and unknown parameters', () => {
    expect(parseCampaign('GCLID=abc&utm_source=&foo=1&li_fat_id=li1&msclkid=ms&fbclid=fb&UTM_Medium=email')).toEqual({
      campaign: { medium: 'email' },
      clicks: { gclid: 'abc', li_fat_id: 'li1', msclkid: 'ms', fbclid: 'fb' },
    });
  });
  it('returns nothing for a plain URL', () => {
    expect(parseCampaign('')).toEqual({ campaign: undefined, clicks: undefined });
    expect(parseCampaign('?page=2&utm_other=x')).toEqual({ campaign: undefined, clicks: undefined });
  });
  it('caps long values', () => {
    expect(parseCampaign('?utm_source=' + 'x'.repeat(2000)).campaign?.source).toHaveLength(500);
  });
});
