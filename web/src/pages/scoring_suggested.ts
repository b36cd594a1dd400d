// The Scoring page's "Suggested rules" card (admin, marketing): rules learned from the workspace's
// won and lost leads, shown in words, previewed against all current leads and adopted as a model.
import { api } from '../api';
import { announce, h, replace } from '../dom';
import type { ScoringModel, ScoringPreview } from '../scoring';
import { modelFacts, previewView, rulesTable } from '../scoring_views';
import { OUTCOME_STAGES, adoptConfirmText, suggestedPath, type OutcomeStage, suggestionErrorText, suggestionSummary, type SuggestedModel } from '../suggested';

export interface SuggestedCardDeps {
  /** Runs `action` with `button` disabled; errors go to `onError`. */
  busy: (button: HTMLButtonElement, action: () => Promise<void>, onError: (err: unknown) => void) => Promise<void>;
  /** The keys of the saved models (adopting one of them replaces it). */
  savedKeys: () => string[];
  /** Saves the model first in the list (rescoring every lead) and shows it there. */
  adopt: (model: ScoringModel) => Promise<void>;
}

function errorAlert(err: unknown): HTMLElement {
  return h('p', { class: 'alert alert-error', role: 'alert', 'data-testid': 'suggestion-error' }, suggestionErrorText(err));
}

function suggestionView(suggested: SuggestedModel, stage: OutcomeStage, deps: SuggestedCardDeps): HTMLElement {
  const { model } = suggested;
  const previewBox = h('div', { 'aria-live': 'polite' });
  const errorBox = h('div');
  const preview = h('button', { type: 'button', class: 'btn btn-secondary' }, 'Preview suggested rules');
  const adopt = h('button', { type: 'button', class: 'btn btn-primary' }, 'Adopt suggested rules');
  const showError = (err: unknown) => replace(errorBox, errorAlert(err));
  preview.addEventListener('click', () => {
    replace(errorBox);
    void deps.busy(
      preview,
      async () => {
        const result = await api.post<ScoringPreview>('/api/v1/scoring/preview', model);
        replace(previewBox, h('h4', null, 'Preview of the suggested rules (not saved)'), previewView(result));
        announce(`Preview of the suggested rules ready for ${result.leads} leads.`);
      },
      showError,
    );
  });
  adopt.addEventListener('click', () => {
    replace(errorBox);
    const question = adoptConfirmText(model, deps.savedKeys());
    if (question && !window.confirm(question)) return;
    void deps.busy(adopt, () => deps.adopt(model), showError);
  });
  return h(
    'div',
    { class: 'suggestion', 'data-testid': 'suggestion' },
    h('h3', null, model.name || model.key),
    h('p', { 'data-testid': 'suggestion-summary' }, suggestionSummary(suggested, stage)),
    modelFacts(model, (key) => key),
    rulesTable(model),
    errorBox,
    h('div', { class: 'form-actions' }, preview, adopt),
    previewBox,
  );
}

/** The card: a button that asks the server for suggested rules, then shows them with Preview and Adopt. */
export function suggestedCard(deps: SuggestedCardDeps): HTMLElement {
  const result = h('div', { 'aria-live': 'polite' });
  const suggest = h('button', { type: 'button', class: 'btn btn-secondary', id: 'suggest-rules' }, 'Suggest rules from outcomes');
  const stageSelect = h(
    'select',
    { id: 'suggest-stage', name: 'outcome_stage' },
    ...OUTCOME_STAGES.map(([value, label]) => h('option', { value }, label)),
  );
  suggest.addEventListener('click', () => {
    replace(result);
    const stage = stageSelect.value as OutcomeStage;
    void deps.busy(
      suggest,
      async () => {
        const suggested = await api.get<SuggestedModel>(suggestedPath(stage));
        replace(result, suggestionView(suggested, stage, deps));
        announce(`Suggested ${suggested.model.rules.length} rules.`);
      },
      (err) => replace(result, errorAlert(err)),
    );
  });
  return h(
    'section',
    { class: 'card scoring-suggested', 'aria-labelledby': 'suggested-title', 'data-testid': 'suggested-card' },
    h('h2', { id: 'suggested-title' }, 'Suggested rules'),
    h(
      'p',
      { class: 'hint' },
      'Learns points from the leads you have won and lost: fit rules on lead, company and custom fields, engagement rules on touchpoint counts. Nothing is saved until you adopt them.',
    ),
    h('div', { class: 'form-actions' }, h('label', { for: 'suggest-stage' }, 'Outcome to learn'), stageSelect, suggest),
    result,
  );
}
