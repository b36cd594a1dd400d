// Pure error handling: turns an API reply into an ApiError and decides where its message goes.

/** An error reply of the API: {"error": {"code", "message", "field"}} plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  0: 'Cannot reach the Leadbase server. Check your connection and try again.',
  400: 'The request was not accepted.',
  401: 'Please sign in.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  409: 'That conflicts with existing data.',
  413: 'The request is too large.',
  422: 'Some values are not valid.',
  429: 'Too many requests; wait a moment and try again.',
};

function statusMessage(status: number): string {
  if (STATUS_MESSAGES[status]) return STATUS_MESSAGES[status];
  if (status >= 500) return `The server failed (HTTP ${status}). Try again later.`;
  return `The request failed (HTTP ${status}).`;
}

/** Builds an ApiError from a status and a parsed (or unparsable: undefined) reply body. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error =
    body && typeof body === 'object' && 'error' in body
      ? (body as { error: unknown }).error
      : undefined;
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const code = typeof e.code === 'string' && e.code ? e.code : `http_${status}`;
    const message =
      typeof e.message === 'string' && e.message.trim() ? e.message : statusMessage(status);
    const field = typeof e.field === 'string' && e.field ? e.field : null;
    return new ApiError(status, code, message, field);
  }
  return new ApiError(status, `http_${status}`, statusMessage(status));
}

/** A network failure (fetch rejected). */
export function networkError(): ApiError {
  return new ApiError(0, 'network', statusMessage(0));
}

/** The text to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

/**
 * Which of a form's field names an API error's `field` refers to: an exact match, else the
 * longest name that the field ends with on a dot boundary ("lead.email" -> "email"), else a name
 * that ends with the field ("name" -> "company.name" only when it is the only such). null: show
 * the message at form level.
 */
export function matchField(field: string | null | undefined, names: readonly string[]): string | null {
  if (!field) return null;
  if (names.includes(field)) return field;
  const suffixMatches = names
    .filter((name) => field.endsWith(`.${name}`))
    .sort((a, b) => b.length - a.length);
  if (suffixMatches.length > 0) return suffixMatches[0];
  const stripped = field.replace(/\[\d+\]/g, '');
  if (stripped !== field && names.includes(stripped)) return stripped;
  const prefixed = names.filter((name) => name.endsWith(`.${field}`));
  return prefixed.length === 1 ? prefixed[0] : null;
}
