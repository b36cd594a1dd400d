// Pure query-string handling: the leads list filters as they appear in the page URL (shareable)
// and as they are sent to GET /api/v1/leads.

export const LEAD_SORTS = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: '-updated_at', label: 'Recently updated' },
  { value: '-score', label: 'Highest score' },
  { value: 'score', label: 'Lowest score' },
  { value: 'last_name', label: 'Last name' },
  { value: '-predicted_conversion', label: 'Most likely to convert' },
  { value: 'predicted_conversion', label: 'Least likely to convert' },
] as const;

export const DEFAULT_LEAD_SORT = '-created_at';

export interface LeadFilters {
  stage: string;
  channel: string;
  business_area: string;
  owner: string;
  min_score: string;
  q: string;
  sort: string;
}

export const FILTER_KEYS: (keyof LeadFilters)[] = [
  'stage',
  'channel',
  'business_area',
  'owner',
  'min_score',
  'q',
  'sort',
];

export function emptyFilters(): LeadFilters {
  return {
    stage: '',
    channel: '',
    business_area: '',
    owner: '',
    min_score: '',
    q: '',
    sort: DEFAULT_LEAD_SORT,
  };
}

type ParamValue = string | number | boolean | null | undefined;

/** {a: "x y", b: "", c: null, d: 3} -> "?a=x+y&d=3"; "" when nothing is set. Keeps key order. */
export function buildQuery(params: Record<string, ParamValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const text = String(value).trim();
    if (text === '') continue;
    search.append(key, text);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Reads filters from a location search string ("?stage=sql&q=ann"); unknown keys are ignored,
 * an unknown sort falls back to the default, a non-numeric min_score is dropped. */
export function filtersFromSearch(search: string): LeadFilters {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null) filters[key] = value.trim();
  }
  if (!LEAD_SORTS.some((s) => s.value === filters.sort)) filters.sort = DEFAULT_LEAD_SORT;
  if (filters.min_score !== '' && !/^\d{1,3}$/.test(filters.min_score)) filters.min_score = '';
  return filters;
}

/** Filters -> the page URL's search string; empty values and the default sort are left out. */
export function filtersToSearch(filters: LeadFilters): string {
  const params: Record<string, ParamValue> = {};
  for (const key of FILTER_KEYS) {
    if (key === 'sort' && filters.sort === DEFAULT_LEAD_SORT) continue;
    params[key] = filters[key];
  }
  return buildQuery(params);
}

/** The API path for one page of leads. */
export function leadsApiPath(filters: LeadFilters, cursor: string | null, limit: number): string {
  const params: Record<string, ParamValue> = {};
  for (const key of FILTER_KEYS) params[key] = filters[key];
  params.limit = limit;
  params.cursor = cursor;
  return `/api/v1/leads${buildQuery(params)}`;
}

/** True when any filter other than the sort order is set. */
export function hasActiveFilters(filters: LeadFilters): boolean {
  return FILTER_KEYS.some((key) => key !== 'sort' && filters[key] !== '');
}
