// The definition list of label/value rows used by the lead and company pages (empty values show
// a dash).
import { h } from '../dom';
import { DASH } from '../format';

export function dl(rows: [string, Node | string | null | undefined][]): HTMLDListElement {
  return h(
    'dl',
    { class: 'fields' },
    rows.map(([label, val]) => h('div', { class: 'fields-row' }, h('dt', null, label), h('dd', null, val || DASH))),
  );
}
