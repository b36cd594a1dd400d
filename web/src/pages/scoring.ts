// Lead scoring: the workspace's models, one model's rules in words, and (admin, marketing) a JSON
// editor with Preview against all current leads, Save (rescores), New model, Delete, Rescore now,
// and suggested rules learned from outcomes (scoring_suggested.ts).
import { api, isAbort } from '../api';
import { announce, h, replace } from '../dom';
import { ApiError, errorMessage } from '../errors';
import { loading, page } from '../layout';
import type { RouteContext } from '../router';
import { copyModel, parseDraft, ruleIndexOf, type RescoreSummary, type ScoringModel, type ScoringPreview } from '../scoring';
import { modelErrorView, modelFacts, previewView, rescoreView, rulesTable } from '../scoring_views';
import { canEditSettings, lookups, nameOf } from '../state';
import type { BusinessArea } from '../types';
import { adoptedOrder } from '../suggested';
import { suggestedCard } from './scoring_suggested';

const MODELS = '/api/v1/scoring/models';

interface ScoringState {
  models: ScoringModel[];
  selected: string;
  /** An unsaved new model (a copy of the selected one), shown instead of the selected model. */
  draft: ScoringModel | null;
  areas: BusinessArea[];
  editable: boolean;
  status: HTMLElement;
}

const modelPath = (key: string) => `${MODELS}/${encodeURIComponent(key)}`;

function showStatus(state: ScoringState, node: HTMLElement, message: string): void {
  replace(state.status, node);
  state.status.focus({ preventScroll: false });
  announce(message);
}

function currentModel(state: ScoringState): ScoringModel | undefined {
  return state.draft ?? state.models.find((m) => m.key === state.selected) ?? state.models[0];
}

function modelsTable(state: ScoringState, select: (key: string) => void): HTMLElement {
  const current = currentModel(state)?.key;
  const row = (model: ScoringModel) =>
    h(
      'tr',
      { 'data-model': model.key, class: model.key === current && !state.draft ? 'is-selected' : undefined },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'aria-pressed': String(model.key === current && !state.draft), onclick: () => select(model.key) }, model.key)),
      h('td', null, model.name || model.key),
      h('td', null, model.business_areas?.length ? model.business_areas.map((k) => nameOf(state.areas, k)).join(', ') : h('span', { class: 'muted' }, 'All (catch-all)')),
      h('td', { class: 'num' }, String(model.rules?.length ?? 0)),
      h('td', { class: 'num' }, String(model.fit_weight ?? 0.5)),
    );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'models-title' },
    h('h2', { id: 'models-title' }, 'Models'),
    h('p', { class: 'muted' }, 'Each lead is scored by the first model listing its business area, else by the first catch-all model.'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table table-compact models-table' },
        h('caption', { class: 'visually-hidden' }, 'Scoring models in evaluation order'),
        h('thead', null, h('tr', null, ['Key', 'Name', 'Business areas', 'Rules', 'Fit weight'].map((t) => h('th', { scope: 'col', class: ['Rules', 'Fit weight'].includes(t) ? 'num' : undefined }, t)))),
        h('tbody', null, state.models.map(row)),
      ),
    ),
  );
}

function newModelForm(state: ScoringState, start: (copy: ScoringModel) => void): HTMLElement {
  const error = h('p', { class: 'field-error', id: 'new-model-error', hidden: true });
  const input = h('input', { id: 'new-model-key', name: 'key', placeholder: 'e.g. tv-model', autocomplete: 'off', 'aria-describedby': 'new-model-hint' });
  const form = h(
    'form',
    { class: 'new-model-form', 'aria-label': 'New model' },
    h('div', { class: 'field' }, h('label', { for: 'new-model-key' }, 'Key of the new model'), input, h('p', { class: 'hint', id: 'new-model-hint' }, 'Starts from a copy of the selected model; nothing is saved until you press Save.'), error),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-secondary' }, 'New model')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const base = state.models.find((m) => m.key === state.selected) ?? state.models[0];
    const copy = copyModel(base, input.value, state.models.map((m) => m.key));
    if (typeof copy === 'string') {
      error.textContent = copy;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    start(copy);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'new-model-title' }, h('h2', { id: 'new-model-title' }, 'New model'), form);
}

/** Runs `action` with `button` disabled; API errors go to `onError`. */
async function busy(button: HTMLButtonElement, action: () => Promise<void>, onError: (err: unknown) => void): Promise<void> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await action();
  } catch (err) {
    if (!isAbort(err)) onError(err);
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

interface EditorParts {
  textarea: HTMLTextAreaElement;
  errorBox: HTMLElement;
  previewBox: HTMLElement;
  rulesBox: HTMLElement;
}

function showModelError(parts: EditorParts, err: unknown, draft: ScoringModel | null): void {
  replace(parts.errorBox, modelErrorView(err, draft));
  parts.textarea.setAttribute('aria-invalid', 'true');
  const idx = ruleIndexOf(err instanceof ApiError ? err.field : null);
  if (idx !== null && draft) {
    try {
      replace(parts.rulesBox, rulesTable(draft, idx));
    } catch {
      // A draft too broken to list keeps the saved rules on screen.
    }
  }
}

/** The editor's draft, or null after showing why it cannot be sent. */
function readDraft(parts: EditorParts): ScoringModel | null {
  replace(parts.errorBox);
  parts.textarea.removeAttribute('aria-invalid');
  const parsed = parseDraft(parts.textarea.value);
  if (!parsed.ok) {
    showModelError(parts, new Error(parsed.message), null);
    return null;
  }
  if (typeof parsed.model.key !== 'string' || parsed.model.key === '') {
    showModelError(parts, new Error('The model needs a "key".'), null);
    return null;
  }
  return parsed.model;
}

function editorCard(state: ScoringState, model: ScoringModel, parts: EditorParts, actions: EditorActions): HTMLElement {
  const isNew = state.draft !== null;
  const preview = h('button', { type: 'button', class: 'btn btn-secondary' }, 'Preview');
  const save = h('button', { type: 'button', class: 'btn btn-primary' }, isNew ? 'Save new model' : 'Save');
  const del = h('button', { type: 'button', class: 'btn btn-danger', disabled: state.models.length <= 1, title: state.models.length <= 1 ? 'The last model cannot be deleted' : undefined }, 'Delete model');
  preview.addEventListener('click', () => {
    const draft = readDraft(parts);
    if (draft) void busy(preview, () => actions.preview(draft), (err) => showModelError(parts, err, draft));
  });
  save.addEventListener('click', () => {
    const draft = readDraft(parts);
    if (!draft) return;
    const replacesOther = draft.key !== model.key && state.models.some((m) => m.key === draft.key);
    if (replacesOther && !window.confirm(`A model with the key "${draft.key}" exists. Replace it with this draft?`)) return;
    void busy(save, () => actions.save(draft), (err) => showModelError(parts, err, draft));
  });
  del.addEventListener('click', () => {
    const text = `Delete the model "${model.name || model.key}"? Its leads are then scored by the next matching model, and every lead is rescored.`;
    if (window.confirm(text)) void busy(del, () => actions.remove(model), (err) => showModelError(parts, err, null));
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'editor-title' },
    h('h2', { id: 'editor-title' }, isNew ? 'Edit the new model' : 'Edit model'),
    h(
      'p',
      { class: 'hint', id: 'model-json-hint' },
      'The model as JSON, as described in the scoring guide (docs/scoring.md). Preview scores all current leads with the draft without saving; Save stores it and rescores every lead. A different "key" saves a new model. ',
      'To import a YAML file, send it with an API key: PUT /api/v1/scoring/models/{key} with Content-Type: application/yaml.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'model-json' }, 'Model (JSON)'), parts.textarea),
    parts.errorBox,
    h('div', { class: 'form-actions' }, preview, save, isNew ? h('button', { type: 'button', class: 'btn btn-ghost', onclick: actions.cancel }, 'Discard new model') : del),
    parts.previewBox,
  );
}

interface EditorActions {
  preview: (draft: ScoringModel) => Promise<void>;
  save: (draft: ScoringModel) => Promise<void>;
  remove: (model: ScoringModel) => Promise<void>;
  cancel: () => void;
}

function modelCard(state: ScoringState, model: ScoringModel, rulesBox: HTMLElement): HTMLElement {
  const isNew = state.draft !== null;
  const yaml = isNew ? null : h('a', { class: 'btn btn-secondary btn-small', href: `${modelPath(model.key)}?format=yaml`, download: `${model.key}.yaml` }, 'Download YAML');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'model-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'model-title' }, isNew ? `New model: ${model.name || model.key} (not saved)` : `Model: ${model.name || model.key}`), yaml),
    modelFacts(model, (key) => nameOf(state.areas, key)),
    h('h3', null, `Rules (${model.rules?.length ?? 0})`),
    rulesBox,
  );
}

/** Saves (inserts or replaces) the model, rescoring every lead, then selects it in the list. */
async function saveModel(state: ScoringState, draft: ScoringModel, redraw: () => void): Promise<void> {
  const reply = await api.put<{ model: ScoringModel; rescore: RescoreSummary }>(modelPath(draft.key), draft);
  const idx = state.models.findIndex((m) => m.key === reply.model.key);
  if (idx >= 0) state.models[idx] = reply.model;
  else state.models.push(reply.model);
  selectKey(state, reply.model.key);
  redraw();
  showStatus(state, rescoreView(`Model "${reply.model.name || reply.model.key}" saved.`, reply.rescore), 'Model saved.');
}

/** Saves every model with `model` first (the catch-all that applies), rescoring, and selects it. */
async function adoptModel(state: ScoringState, model: ScoringModel, redraw: () => void): Promise<void> {
  const items = adoptedOrder(model, state.models);
  const reply = await api.put<{ items: ScoringModel[]; rescore: RescoreSummary }>(MODELS, { items });
  state.models = reply.items;
  selectKey(state, model.key);
  redraw();
  showStatus(state, rescoreView(`Suggested rules adopted as the model "${model.key}", first in the list.`, reply.rescore), 'Suggested rules adopted.');
}

/** What the editor's buttons do: preview, save (insert or replace), delete, discard a new model. */
function editorActions(state: ScoringState, parts: EditorParts, redraw: () => void): EditorActions {
  return {
    preview: async (draft) => {
      const result = await api.post<ScoringPreview>('/api/v1/scoring/preview', draft);
      replace(parts.previewBox, h('h3', null, 'Preview of the draft (not saved)'), previewView(result));
      replace(parts.rulesBox, rulesTable(draft));
      announce(`Preview ready for ${result.leads} leads.`);
    },
    save: (draft) => saveModel(state, draft, redraw),
    remove: async (target) => {
      const reply = await api.del<{ rescore: RescoreSummary }>(modelPath(target.key));
      state.models = state.models.filter((m) => m.key !== target.key);
      selectKey(state, state.models[0]?.key ?? '');
      redraw();
      showStatus(state, rescoreView(`Model "${target.name || target.key}" deleted.`, reply.rescore), 'Model deleted.');
    },
    cancel: () => {
      state.draft = null;
      redraw();
    },
  };
}

function detail(state: ScoringState, redraw: () => void): HTMLElement {
  const model = currentModel(state);
  if (!model) return h('p', { class: 'muted' }, 'No models.');
  const rulesBox = h('div', null, rulesTable(model));
  const box = h('div', { class: 'scoring-detail' }, modelCard(state, model, rulesBox));
  if (!state.editable) {
    box.append(h('p', { class: 'muted read-only-note' }, 'Your role can read the models; admins and marketing change them.'));
    return box;
  }
  const parts: EditorParts = {
    textarea: h('textarea', { id: 'model-json', class: 'code-editor', rows: 24, spellcheck: 'false', 'aria-describedby': 'model-json-hint model-error' }, JSON.stringify(model, null, 2)),
    errorBox: h('div', { id: 'model-error' }),
    previewBox: h('div', { 'aria-live': 'polite' }),
    rulesBox,
  };
  box.append(editorCard(state, model, parts, editorActions(state, parts, redraw)));
  return box;
}

function selectKey(state: ScoringState, key: string): void {
  state.selected = key;
  state.draft = null;
  history.replaceState(null, '', key ? `/scoring?model=${encodeURIComponent(key)}` : '/scoring');
}

function rescoreButton(state: ScoringState): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'btn btn-secondary', id: 'rescore-now' }, 'Rescore now');
  button.addEventListener('click', () => {
    void busy(
      button,
      async () => {
        const summary = await api.post<RescoreSummary>('/api/v1/scoring/rescore', {});
        showStatus(state, rescoreView('Rescore done.', summary), 'Rescore done.');
      },
      (err) => showStatus(state, h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err)), errorMessage(err)),
    );
  });
  return button;
}

export async function renderScoring(ctx: RouteContext): Promise<void> {
  const editable = canEditSettings();
  const status = h('div', { id: 'scoring-status', tabindex: '-1' });
  const state: ScoringState = { models: [], selected: '', draft: null, areas: [], editable, status };
  const content = page({
    section: 'scoring',
    title: 'Lead scoring',
    subtitle: editable
      ? 'The rules that score leads: read them, try a change with Preview, then save.'
      : 'The rules that score leads (read-only for your role).',
    actions: editable ? rescoreButton(state) : null,
  });
  content.append(loading());
  try {
    const [reply, areas] = await Promise.all([
      api.get<{ items: ScoringModel[] }>(MODELS, ctx.signal),
      lookups.businessAreas().catch(() => [] as BusinessArea[]),
    ]);
    state.models = reply.items;
    state.areas = areas;
  } catch (err) {
    if (!isAbort(err)) replace(content, h('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(err)));
    return;
  }
  if (ctx.signal.aborted) return;
  const wanted = ctx.query.get('model');
  state.selected = state.models.some((m) => m.key === wanted) ? wanted! : (state.models[0]?.key ?? '');
  const listBox = h('div');
  const detailBox = h('div');
  const redraw = () => {
    replace(listBox, modelsTable(state, (key) => {
      selectKey(state, key);
      redraw();
    }));
    replace(detailBox, detail(state, redraw));
  };
  const start = (copy: ScoringModel) => {
    state.draft = copy;
    redraw();
    document.getElementById('model-json')?.focus();
  };
  redraw();
  const suggested = editable
    ? suggestedCard({ busy, savedKeys: () => state.models.map((m) => m.key), adopt: (model) => adoptModel(state, model, redraw) })
    : null;
  replace(content, status, h('div', { class: 'scoring-layout' }, h('div', null, listBox, editable ? newModelForm(state, start) : null), detailBox), suggested);
}
