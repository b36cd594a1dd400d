// Pure: turns an edit form's text values into the smallest PATCH body against the original record.

/** How a form value maps to JSON: text stays text ('' = unset), nullable text/enum '' -> null,
 * int and money are numbers ('' -> null; not a number: sent as typed so the server names the
 * field), bool is "true"/"false". */
export type FieldKind = 'text' | 'nullable' | 'int' | 'money' | 'bool';

export function toJsonValue(kind: FieldKind, raw: string): unknown {
  const text = raw.trim();
  switch (kind) {
    case 'text':
      return text;
    case 'nullable':
      return text === '' ? null : text;
    case 'bool':
      return text === 'true';
    case 'int': {
      if (text === '') return null;
      return /^-?\d+$/.test(text) ? Number(text) : text;
    }
    case 'money': {
      if (text === '') return null;
      const normalised = text.replace(/[\s,]/g, '');
      return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : text;
    }
  }
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v);
  return norm(a) === norm(b);
}

/** The fields of `edited` whose JSON value differs from `original`'s. */
export function buildPatch(
  original: Record<string, unknown>,
  edited: Record<string, string>,
  kinds: Record<string, FieldKind>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(kinds)) {
    if (!(name in edited)) continue;
    const next = toJsonValue(kind, edited[name]);
    const before = kind === 'bool' ? Boolean(original[name]) : original[name];
    if (!same(before, next)) patch[name] = next;
  }
  return patch;
}
