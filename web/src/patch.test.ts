import { describe, expect, it } from 'vitest';
import { buildPatch, toJsonValue } from './patch';

describe('toJsonValue', () => {
  it('converts by kind', () => {
    expect(toJsonValue('text', ' Ann ')).toBe('Ann');
    expect(toJsonValue('nullable', '')).toBeNull();
    expect(toJsonValue('nullable', 'hot')).toBe('hot');
    expect(toJsonValue('int', '2')).toBe(2);
    expect(toJsonValue('int', '')).toBeNull();
    expect(toJsonValue('money', '12,500.50')).toBe(12500.5);
    expect(toJsonValue('bool', 'true')).toBe(true);
    expect(toJsonValue('bool', 'false')).toBe(false);
  });
  it('sends values that are not numbers as typed, so the server names the field', () => {
    expect(toJsonValue('int', 'two')).toBe('two');
    expect(toJsonValue('money', '12k')).toBe('12k');
  });
});

describe('buildPatch', () => {
  const kinds = { rating: 'nullable', probability: 'int', owner: 'nullable', title: 'text', do_not_call: 'bool' } as const;
  const original = { rating: 'warm', probability: 2, owner: null, title: '', do_not_call: false };
  it('is empty when nothing changed', () => {
    expect(buildPatch(original, { rating: 'warm', probability: '2', owner: '', title: '', do_not_call: 'false' }, kinds)).toEqual({});
  });
  it('contains only changed fields', () => {
    expect(buildPatch(original, { rating: 'hot', probability: '2', owner: 'ann@x.dk', title: '', do_not_call: 'true' }, kinds)).toEqual({
      rating: 'hot',
      owner: 'ann@x.dk',
      do_not_call: true,
    });
  });
  it('clears a value with null', () => {
    expect(buildPatch(original, { rating: '' }, kinds)).toEqual({ rating: null });
  });
  it('ignores fields not in the form', () => {
    expect(buildPatch(original, { title: 'CEO' }, kinds)).toEqual({ title: 'CEO' });
  });
});
