// Form building blocks: labelled fields, and API errors shown next to the field they name.
import { h, uid } from './dom';
import { ApiError, errorMessage, matchField } from './errors';

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string | number | null;
  choices?: readonly (readonly [string, string])[];
  placeholder?: string; // for selects: label of the empty choice; for inputs: placeholder text
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  checked?: boolean;
  attrs?: Record<string, unknown>;
  list?: string;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled control with a hint and an (initially hidden) error message. */
export function field(opts: FieldOptions): HTMLDivElement {
  const id = uid('f');
  const hintId = opts.hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: opts.name,
    required: opts.required,
    autocomplete: opts.autocomplete,
    'aria-describedby': hintId,
    'data-error-id': errorId,
    ...opts.attrs,
  };
  let control: Control;
  const value = opts.value === null || opts.value === undefined ? '' : String(opts.value);
  if (opts.type === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox', checked: opts.checked });
    return h(
      'div',
      { class: 'field field-checkbox', 'data-field': opts.name },
      control,
      h('label', { for: id }, opts.label),
      opts.hint ? h('p', { class: 'hint', id: hintId }, opts.hint) : null,
      h('p', { class: 'field-error', id: errorId, hidden: true }),
    );
  }
  if (opts.choices) {
    control = h(
      'select',
      common,
      opts.placeholder !== undefined
        ? h('option', { value: '', selected: value === '' }, opts.placeholder)
        : null,
      opts.choices.map(([v, label]) => h('option', { value: v, selected: v === value }, label)),
    );
    // A value not among the choices (e.g. a stage added later) stays selectable.
    if (value !== '' && !opts.choices.some(([v]) => v === value)) {
      control.append(h('option', { value, selected: true }, value));
    }
  } else if (opts.multiline) {
    control = h('textarea', { ...common, rows: 3, placeholder: opts.placeholder }, value);
  } else {
    control = h('input', {
      ...common,
      type: opts.type ?? 'text',
      value,
      placeholder: opts.placeholder,
      list: opts.list,
    });
  }
  return h(
    'div',
    { class: 'field', 'data-field': opts.name },
    h('label', { for: id }, opts.label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    opts.hint ? h('p', { class: 'hint', id: hintId }, opts.hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

/** The form-level error box; put one at the top of every form. */
export function formError(): HTMLDivElement {
  return h('div', { class: 'form-error alert alert-error', role: 'alert', hidden: true });
}

function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(
    (el): el is Control =>
      (el instanceof HTMLInputElement ||
        el instanceof HTMLSelectElement ||
        el instanceof HTMLTextAreaElement) &&
      el.name !== '',
  );
}

export function clearErrors(form: HTMLFormElement): void {
  for (const control of controls(form)) {
    control.removeAttribute('aria-invalid');
    const errorId = control.dataset.errorId;
    const errorEl = errorId ? document.getElementById(errorId) : null;
    if (errorEl) {
      errorEl.hidden = true;
      errorEl.textContent = '';
    }
    const described = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && id !== errorId);
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
  }
  const box = form.querySelector<HTMLElement>('.form-error');
  if (box) {
    box.hidden = true;
    box.textContent = '';
  }
}

/** Shows `err` next to the field its `field` names (and focuses it), else at the form's top. */
export function showError(form: HTMLFormElement, err: unknown): void {
  clearErrors(form);
  const list = controls(form);
  const field = err instanceof ApiError ? err.field : null;
  const name = matchField(
    field,
    list.map((c) => c.name),
  );
  const control = name ? list.find((c) => c.name === name) : undefined;
  const errorEl = control?.dataset.errorId ? document.getElementById(control.dataset.errorId) : null;
  if (control && errorEl) {
    errorEl.textContent = errorMessage(err);
    errorEl.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [...described, errorEl.id].join(' '));
    control.focus();
    return;
  }
  const box = form.querySelector<HTMLElement>('.form-error');
  if (box) {
    box.textContent = errorMessage(err);
    box.hidden = false;
    box.setAttribute('tabindex', '-1');
    box.focus();
  } else {
    window.alert(errorMessage(err));
  }
}

/** Runs `action` on submit with the submit button disabled; shows errors in the form. */
export function onSubmit(form: HTMLFormElement, action: (form: HTMLFormElement) => Promise<void>): void {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = Array.from(form.querySelectorAll<HTMLButtonElement>('button[type=submit]'));
    buttons.forEach((b) => (b.disabled = true));
    form.setAttribute('aria-busy', 'true');
    clearErrors(form);
    try {
      await action(form);
    } catch (err) {
      if (form.isConnected) showError(form, err);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      form.removeAttribute('aria-busy');
    }
  });
}

/** The trimmed text value of a named control ('' when absent). */
export function value(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked ? 'true' : 'false';
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
    return el.value.trim();
  }
  return '';
}

export function checked(form: HTMLFormElement, name: string): boolean {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement && el.checked;
}
