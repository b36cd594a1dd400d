import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { adoptConfirmText, adoptedOrder, suggestedPath, suggestionErrorText, suggestionSummary, type SuggestedModel } from './suggested';

const suggested = (rules: SuggestedModel['model']['rules']): SuggestedModel => ({
  model: { key: 'suggested', name: 'Suggested: learned from 60 won / 40 lost leads on 2026-11-22', rules },
  trained_on: { won: 60, lost: 40 },
  auc_in_sample: 0.8349,
});

describe('suggestedPath', () => {
  it('asks for won without a parameter and for an earlier stage with outcome_stage', () => {
    expect(suggestedPath('won')).toBe('/api/v1/scoring/suggested-model');
    expect(suggestedPath('sql')).toBe('/api/v1/scoring/suggested-model?outcome_stage=sql');
  });
});

describe('suggestionSummary', () => {
  it('says a stage suggestion learned from leads that reached the stage', () => {
    const text = suggestionSummary(suggested([]), 'sql');
    expect(text.startsWith('Learned from 60 leads that reached sql and 40 that left the funnel without: 0 fit rules')).toBe(true);
  });


  it('names the outcomes, the fit and engagement rule counts and the AUC to two places', () => {
    const text = suggestionSummary(
      suggested([
        { id: 'a', category: 'fit', points: 40, when: { field: 'company.industry', op: 'equals', values: ['Media'] } },
        { id: 'b', category: 'fit', points: 10, when: { field: 'title', op: 'equals', values: ['CEO'] } },
        { id: 'c', category: 'engagement', points: 20, when: { touchpoint: { types: ['meeting'] }, aggregation: 'count', at_least: 2 } },
      ]),
    );
    expect(text).toBe(
      'Learned from 60 won and 40 lost leads: 2 fit rules and 1 engagement rule. AUC on those leads 0.83 (Preview shows how it ranks today\'s leads).',
    );
  });
});

describe('suggestionErrorText', () => {
  it('turns the thin-data refusal into what was found, what is needed and what to do', () => {
    const err = new ApiError(
      400,
      'invalid_argument',
      'too few outcomes to train on: found 3 won and 0 lost leads; training needs at least 50 of each',
      '--min-outcomes',
    );
    expect(suggestionErrorText(err)).toBe(
      'Not enough decided leads to learn from yet: found 3 won and 0 lost leads; training needs at least 50 of each. Mark more leads won or lost, then try again.',
    );
  });

  it('shows any other error as its message', () => {
    expect(suggestionErrorText(new ApiError(403, 'permission_denied', "the role 'sales' may not change settings"))).toBe(
      "the role 'sales' may not change settings",
    );
  });
});

describe('adoptConfirmText', () => {
  it('asks only when adopting replaces a saved model with the same key', () => {
    const model = suggested([]).model;
    expect(adoptConfirmText(model, ['default'])).toBeNull();
    expect(adoptConfirmText(model, ['default', 'suggested'])).toMatch(/key "suggested" exists/);
  });
});

describe('adoptedOrder', () => {
  it('puts the adopted model first, replacing a saved one with its key, and keeps the rest in order', () => {
    const model = { key: 'suggested', rules: [] };
    const saved = [
      { key: 'tv', business_areas: ['tv'], rules: [] },
      { key: 'suggested', name: 'old', rules: [] },
      { key: 'default', rules: [] },
    ];
    expect(adoptedOrder(model, saved).map((m) => m.key)).toEqual(['suggested', 'tv', 'default']);
    expect(adoptedOrder(model, saved)[0]).toBe(model);
  });
});
