// The lead's predicted conversion (issue 5): the probability under the workspace's latest trained
// model and the features that contributed most, or a note that no model has been trained yet.
import { h } from '../dom';
import { predictedPercent } from '../format';
import type { Lead, PredictedFeature } from '../types';

function signedLogOdds(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value >= 0 ? `+${text}` : `−${text}`;
}

function featureList(top: PredictedFeature[]): HTMLElement {
  return h(
    'ul',
    { class: 'predicted-top' },
    ...top.map((item) =>
      h(
        'li',
        null,
        h('span', { class: 'predicted-feature' }, item.feature),
        ' ',
        h('span', { class: item.log_odds >= 0 ? 'delta-up' : 'delta-down', title: 'Log-odds contribution' }, signedLogOdds(item.log_odds)),
      ),
    ),
  );
}

/** The "Predicted conversion" card of a lead. */
export function predictionCard(lead: Lead): HTMLElement {
  const predicted = lead.predicted_conversion ?? null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'predicted-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'predicted-title' }, 'Predicted conversion')),
    predicted
      ? h(
          'div',
          null,
          h('p', { class: 'predicted-probability' }, h('strong', null, predictedPercent(predicted.probability)), h('span', { class: 'muted' }, ` (model v${predicted.model_version})`)),
          predicted.top.length ? h('div', null, h('h3', null, 'Top features'), featureList(predicted.top)) : null,
        )
      : h('p', { class: 'muted' }, 'No predictive model yet: train one with leadbase train --save.'),
  );
}
