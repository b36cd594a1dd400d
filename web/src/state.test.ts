import { describe, expect, it } from 'vitest';
import { nameOf, userFromMe } from './state';

describe('userFromMe', () => {
  const user = { id: 1, email: 'a@x.dk', name: 'Ann', role: 'admin' as const };
  it('reads a bare user', () => expect(userFromMe(user)).toEqual(user));
  it('reads {user, role}', () =>
    expect(userFromMe({ user: { ...user, role: 'sales' }, role: 'marketing', workspace_id: 1 })).toEqual({
      ...user,
      role: 'marketing',
    }));
});

describe('nameOf', () => {
  const list = [{ key: 'web', name: 'Website' }];
  it('maps keys to names, falling back to the key', () => {
    expect(nameOf(list, 'web')).toBe('Website');
    expect(nameOf(list, 'tv')).toBe('tv');
    expect(nameOf(list, null)).toBe('—');
  });
});
