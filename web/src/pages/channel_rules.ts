// Settings → Channel rules: the workspace's own rules, tried in order before the built-in
// defaults, edited as rows (channel + conditions) and saved as a whole.
import { api } from '../api';
import { announce, h, replace } from '../dom';
import { ApiError, errorMessage } from '../errors';
import { RULE_CONDITIONS, ruleIndexOf, rowsToRules, rulesToRows, type ChannelRule, type RuleRow } from '../activity';
import { lookups } from '../state';
import type { Channel } from '../types';

const CONDITION_LABELS: Record<(typeof RULE_CONDITIONS)[number], string> = {
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  click_id: 'Click id parameter',
  referrer_domain: 'Referrer domain',
};

function rowElement(row: RuleRow, index: number, channels: Channel[], onRemove: () => void): HTMLTableRowElement {
  const channelSelect = h(
    'select',
    { 'aria-label': `Rule ${index + 1} channel`, 'data-name': 'channel' },
    h('option', { value: '' }, 'Choose…'),
    channels.map((c) => h('option', { value: c.key, selected: c.key === row.channel }, c.name || c.key)),
  );
  return h(
    'tr',
    { 'data-rule': String(index) },
    h('td', null, channelSelect),
    RULE_CONDITIONS.map((name) =>
      h(
        'td',
        null,
        h('input', {
          type: 'text',
          value: row[name],
          'data-name': name,
          placeholder: name === 'referrer_domain' ? 'partner.example' : 'e.g. cpc|ppc',
          'aria-label': `Rule ${index + 1} ${CONDITION_LABELS[name]}`,
        }),
      ),
    ),
    h('td', null, h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: onRemove }, 'Remove')),
  );
}

function readRows(tbody: HTMLElement): RuleRow[] {
  return Array.from(tbody.querySelectorAll('tr')).map((tr) => {
    const row = { channel: '' } as RuleRow;
    for (const control of Array.from(tr.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-name]'))) {
      (row as Record<string, string>)[control.dataset.name ?? ''] = control.value;
    }
    return row;
  });
}

export async function channelRulesTab(content: HTMLElement): Promise<void> {
  const [stored, channels] = await Promise.all([
    api.get<{ rules: ChannelRule[] }>('/api/v1/channel-rules'),
    lookups.channels(),
  ]);
  let rows = rulesToRows(stored.rules);
  const tbody = h('tbody');
  const status = h('div', { role: 'status' });
  const draw = () => {
    replace(tbody, ...rows.map((row, index) => rowElement(row, index, channels, () => {
      rows = readRows(tbody);
      rows.splice(index, 1);
      draw();
    })));
  };
  const add = h('button', { type: 'button', class: 'btn btn-secondary' }, 'Add rule');
  add.addEventListener('click', () => {
    rows = [...readRows(tbody), { channel: '', utm_source: '', utm_medium: '', click_id: '', referrer_domain: '' }];
    draw();
    tbody.querySelector<HTMLElement>('tr:last-child select')?.focus();
  });
  const save = h('button', { type: 'button', class: 'btn btn-primary' }, 'Save rules');
  save.addEventListener('click', async () => {
    save.disabled = true;
    tbody.querySelectorAll('tr.is-invalid').forEach((tr) => tr.classList.remove('is-invalid'));
    try {
      const saved = await api.put<{ rules: ChannelRule[] }>('/api/v1/channel-rules', rowsToRules(readRows(tbody)));
      rows = rulesToRows(saved.rules);
      draw();
      replace(status, h('p', { class: 'alert alert-success' }, 'Channel rules saved.'));
      announce('Channel rules saved.');
    } catch (err) {
      const index = ruleIndexOf(err instanceof ApiError ? err.field : null);
      if (index !== null) tbody.querySelector(`tr[data-rule="${index}"]`)?.classList.add('is-invalid');
      const where = err instanceof ApiError && err.field ? `${err.field}: ` : '';
      replace(status, h('p', { class: 'alert alert-error', role: 'alert' }, where + errorMessage(err)));
    } finally {
      save.disabled = false;
    }
  });
  draw();
  replace(
    content,
    h('h2', null, 'Channel rules'),
    h(
      'p',
      { class: 'muted' },
      'Tried from the top before the built-in rules; the first rule whose every filled-in condition holds decides the channel of a visit or form. ',
      'Conditions are patterns: alternatives separated by |, * for any text, case-insensitive.',
    ),
    status,
    h(
      'table',
      { class: 'table table-compact channel-rules' },
      h('caption', { class: 'visually-hidden' }, 'Channel rules, in order'),
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, 'Channel'), RULE_CONDITIONS.map((name) => h('th', { scope: 'col' }, CONDITION_LABELS[name])), h('th', null, '')),
      ),
      tbody,
    ),
    h('div', { class: 'form-actions' }, add, save),
  );
}
