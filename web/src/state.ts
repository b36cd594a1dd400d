// Session state and cached workspace settings (channels, business areas, users, workspace).
import { api } from './api';
import type { BusinessArea, Channel, Page, User, Workspace } from './types';

export const session: { user: User | null } = { user: null };

/** The user of a GET /api/v1/me reply: the user itself, or {user, role, ...} around it. */
export function userFromMe(body: unknown): User {
  const obj = (body ?? {}) as Record<string, unknown>;
  if (obj.user && typeof obj.user === 'object') {
    const user = obj.user as User;
    return typeof obj.role === 'string' ? { ...user, role: obj.role as User['role'] } : user;
  }
  return obj as unknown as User;
}

export function isAdmin(): boolean {
  return session.user?.role === 'admin';
}

export function canEditSettings(): boolean {
  return session.user?.role === 'admin' || session.user?.role === 'marketing';
}

/** Every item of a list endpoint, following next_cursor (bounded to 50 pages). */
export async function fetchAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pageIndex = 0; pageIndex < 50; pageIndex++) {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: Page<T> = await api.get<Page<T>>(url);
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return items;
}

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return promise;
}

export const lookups = {
  channels: () => cached('channels', () => fetchAll<Channel>('/api/v1/channels')),
  businessAreas: () => cached('areas', () => fetchAll<BusinessArea>('/api/v1/business-areas')),
  workspace: () => cached('workspace', () => api.get<Workspace>('/api/v1/workspace')),
  /** Users, or [] for roles that may not list them. */
  users: () =>
    cached('users', () =>
      isAdmin() ? fetchAll<User>('/api/v1/users').catch(() => [] as User[]) : Promise.resolve([] as User[]),
    ),
  invalidate: (key?: 'channels' | 'areas' | 'workspace' | 'users') => {
    if (key) cache.delete(key);
    else cache.clear();
  },
};

/** Key -> display name, falling back to the key itself. */
export function nameOf(list: { key: string; name: string }[], key: string | null | undefined): string {
  if (!key) return '—';
  return list.find((item) => item.key === key)?.name || key;
}
