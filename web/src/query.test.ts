import { describe, expect, it } from 'vitest';
import {
  buildQuery,
  emptyFilters,
  filtersFromSearch,
  filtersToSearch,
  hasActiveFilters,
  leadsApiPath,
} from './query';

describe('buildQuery', () => {
  it('leaves out empty values and keeps order', () => {
    expect(buildQuery({ a: 'x y', b: '', c: null, d: 3, e: undefined })).toBe('?a=x+y&d=3');
  });
  it('returns an empty string when nothing is set', () => {
    expect(buildQuery({ a: '', b: null })).toBe('');
  });
  it('encodes special characters', () => {
    expect(buildQuery({ q: 'a&b=c', owner: 'ann@x.dk' })).toBe('?q=a%26b%3Dc&owner=ann%40x.dk');
  });
  it('trims values', () => {
    expect(buildQuery({ q: '  ann ' })).toBe('?q=ann');
  });
});

describe('lead filters in the URL', () => {
  it('round-trips filters', () => {
    const filters = { ...emptyFilters(), stage: 'sql', q: 'berg', min_score: '40', sort: '-score' };
    const search = filtersToSearch(filters);
    expect(search).toBe('?stage=sql&min_score=40&q=berg&sort=-score');
    expect(filtersFromSearch(search)).toEqual(filters);
  });
  it('leaves the default sort out of the URL', () => {
    expect(filtersToSearch(emptyFilters())).toBe('');
  });
  it('ignores unknown keys, unknown sorts and bad scores', () => {
    const filters = filtersFromSearch('?foo=1&sort=drop+table&min_score=abc&channel=web');
    expect(filters).toEqual({ ...emptyFilters(), channel: 'web' });
  });
  it('knows when filters are active', () => {
    expect(hasActiveFilters(emptyFilters())).toBe(false);
    expect(hasActiveFilters({ ...emptyFilters(), sort: 'score' })).toBe(false);
    expect(hasActiveFilters({ ...emptyFilters(), owner: 'a@b.dk' })).toBe(true);
  });
});

describe('leadsApiPath', () => {
  it('sends every filter, the sort, the limit and the cursor', () => {
    const filters = { ...emptyFilters(), stage: 'mql', business_area: 'radio' };
    expect(leadsApiPath(filters, null, 50)).toBe(
      '/api/v1/leads?stage=mql&business_area=radio&sort=-created_at&limit=50',
    );
    expect(leadsApiPath(filters, 'abc==', 50)).toBe(
      '/api/v1/leads?stage=mql&business_area=radio&sort=-created_at&limit=50&cursor=abc%3D%3D',
    );
  });
});
