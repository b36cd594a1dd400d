import { describe, expect, it } from 'vitest';
import { compile } from './router';
import { safeNext } from './pages/signin';

describe('compile', () => {
  it('matches parameters', () => {
    const { regex, keys } = compile('/leads/:id');
    expect(keys).toEqual(['id']);
    expect(regex.exec('/leads/42')?.[1]).toBe('42');
    expect(regex.test('/leads/42/')).toBe(true);
    expect(regex.test('/leads')).toBe(false);
    expect(regex.test('/leads/42/history')).toBe(false);
  });
  it('matches static paths exactly', () => {
    const { regex } = compile('/settings');
    expect(regex.test('/settings')).toBe(true);
    expect(regex.test('/settingsx')).toBe(false);
  });
});

describe('safeNext', () => {
  it('follows same-site paths only', () => {
    expect(safeNext('/leads/3')).toBe('/leads/3');
    expect(safeNext('//evil.example')).toBe('/leads');
    expect(safeNext('https://evil.example')).toBe('/leads');
    expect(safeNext('/signin')).toBe('/leads');
    expect(safeNext(null)).toBe('/leads');
  });
});
