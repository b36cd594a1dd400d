// A tiny hyperscript helper: h('a', {href: '/x', class: 'y'}, 'text') builds DOM elements.

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
      } else if (key === 'class') {
        el.className = String(value);
      } else if (key === 'value' && 'value' in el) {
        // The attribute is the default a form reset returns to; the property is the live value.
        if (el instanceof HTMLInputElement) el.setAttribute('value', String(value));
        (el as unknown as { value: string }).value = String(value);
      } else if (key === 'checked' && el instanceof HTMLInputElement) {
        el.defaultChecked = true;
        el.checked = true;
      } else if (key === 'selected' && el instanceof HTMLOptionElement) {
        el.defaultSelected = true;
        el.selected = true;
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function replace(el: Element, ...children: Child[]): void {
  clear(el);
  append(el, children);
}

let idCounter = 0;
export function uid(prefix = 'f'): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Says `text` to screen readers through the page's polite live region. */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  window.setTimeout(() => (region.textContent = text), 50);
}

/** <select> options from [value, label] pairs; `placeholder` adds an empty first option. */
export function options(
  values: readonly (readonly [string, string])[],
  selected: string,
  placeholder?: string,
): HTMLOptionElement[] {
  const list: HTMLOptionElement[] = [];
  if (placeholder !== undefined) list.push(h('option', { value: '', selected: selected === '' }, placeholder));
  for (const [value, label] of values) {
    list.push(h('option', { value, selected: value === selected }, label));
  }
  return list;
}
