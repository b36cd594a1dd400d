import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, errorMessage, matchField, networkError } from './errors';

describe('errorFromResponse', () => {
  it('reads the API error body', () => {
    const err = errorFromResponse(400, {
      error: { code: 'invalid_argument', message: 'email: not an e-mail address', field: 'email' },
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_argument');
    expect(err.message).toBe('email: not an e-mail address');
    expect(err.field).toBe('email');
  });
  it('treats an empty field as none', () => {
    expect(errorFromResponse(401, { error: { code: 'unauthenticated', message: 'Wrong e-mail or password', field: '' } }).field).toBeNull();
  });
  it('falls back to a message by status when the body is not an API error', () => {
    expect(errorFromResponse(502, undefined).message).toMatch(/server failed \(HTTP 502\)/);
    expect(errorFromResponse(403, { foo: 1 }).message).toBe('You do not have permission to do that.');
    expect(errorFromResponse(404, { error: { code: 'not_found', message: '' } }).message).toBe('Not found.');
    expect(errorFromResponse(418, null).code).toBe('http_418');
  });
  it('describes network failures', () => {
    expect(networkError().status).toBe(0);
    expect(errorMessage(networkError())).toMatch(/Cannot reach/);
  });
  it('gives a message for anything thrown', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('x')).toBe('Something went wrong.');
  });
});

describe('matchField', () => {
  const names = ['email', 'first_name', 'company.name', 'name', 'probability'];
  it('matches exactly', () => expect(matchField('email', names)).toBe('email'));
  it('matches the last segment of a dotted field', () => expect(matchField('lead.email', names)).toBe('email'));
  it('prefers the longest suffix', () => expect(matchField('lead.company.name', names)).toBe('company.name'));
  it('strips array indexes', () => expect(matchField('probability[0]', names)).toBe('probability'));
  it('returns null for unknown or missing fields', () => {
    expect(matchField('password', names)).toBeNull();
    expect(matchField(null, names)).toBeNull();
    expect(matchField('', names)).toBeNull();
  });
  it('matches a prefixed form field when unambiguous', () => {
    expect(matchField('domain', ['company.domain', 'email'])).toBe('company.domain');
    expect(matchField('name', ['a.name', 'b.name'])).toBeNull();
  });
});
