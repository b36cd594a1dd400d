// Suggested rules learned from the workspace's won and lost leads (GET
// /api/v1/scoring/suggested-model): the reply's shape and the words the Scoring page shows.
import { ApiError, errorMessage } from './errors';
import type { ScoringModel } from './scoring';

export const SUGGESTED_PATH = '/api/v1/scoring/suggested-model';

/** What a suggestion can learn to predict: being won, or reaching an earlier funnel stage. */
export const OUTCOME_STAGES = [
  ['won', 'won (became a customer)'],
  ['opportunity', 'reached opportunity'],
  ['sql', 'reached sql (accepted by sales)'],
  ['sal', 'reached sal'],
  ['mql', 'reached mql'],
] as const;

export type OutcomeStage = (typeof OUTCOME_STAGES)[number][0];

/** The request for a suggestion learned on `stage` (won needs no parameter). */
export function suggestedPath(stage: OutcomeStage): string {
  return stage === 'won' ? SUGGESTED_PATH : `${SUGGESTED_PATH}?outcome_stage=${encodeURIComponent(stage)}`;
}

export interface SuggestedModel {
  model: ScoringModel;
  trained_on: { won: number; lost: number };
  auc_in_sample: number;
}

/** One line saying what the suggestion was learned from and how its rules split. */
export function suggestionSummary(suggested: SuggestedModel, stage: OutcomeStage = 'won'): string {
  const rules = suggested.model.rules ?? [];
  const fit = rules.filter((r) => r.category === 'fit').length;
  const engagement = rules.length - fit;
  const { won, lost } = suggested.trained_on;
  const counts = `${fit} fit ${fit === 1 ? 'rule' : 'rules'} and ${engagement} engagement ${engagement === 1 ? 'rule' : 'rules'}`;
  const outcomes = stage === 'won' ? `${won} won and ${lost} lost leads` : `${won} leads that reached ${stage} and ${lost} that left the funnel without`;
  return `Learned from ${outcomes}: ${counts}. AUC on those leads ${suggested.auc_in_sample.toFixed(2)} (Preview shows how it ranks today's leads).`;
}

/**
 * Why no suggestion came back. Too few outcomes (the server's field "--min-outcomes") reads as
 * what to do about it; anything else is the plain error message.
 */
export function suggestionErrorText(err: unknown): string {
  if (err instanceof ApiError && err.field === '--min-outcomes') {
    const detail = err.message.replace(/^too few outcomes to train on: /, '');
    return `Not enough decided leads to learn from yet: ${detail}. Mark more leads won or lost, then try again.`;
  }
  return errorMessage(err);
}

/** The question to ask before adopting replaces a saved model with the same key, or null. */
export function adoptConfirmText(model: ScoringModel, savedKeys: string[]): string | null {
  if (!savedKeys.includes(model.key)) return null;
  return `A model with the key "${model.key}" exists. Replace it with the suggested rules? Every lead is rescored.`;
}

/**
 * The models after adopting `model`: it goes first (replacing a saved model with its key), so it
 * scores every lead that no business-area model claims; the others keep their order.
 */
export function adoptedOrder(model: ScoringModel, saved: ScoringModel[]): ScoringModel[] {
  return [model, ...saved.filter((m) => m.key !== model.key)];
}
