// The JSON shapes of the Leadbase API (/api/v1), as the UI reads them.

export type Role = 'admin' | 'marketing' | 'sales' | 'tracking';

export interface User {
  id: number | string;
  email: string;
  name: string | null;
  role: Role;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Company {
  id: number | string;
  name: string | null;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  annual_revenue: number | null;
  country: string | null;
  customer_status: string;
  created_at?: string;
  updated_at?: string;
}

export interface ScoreItem {
  rule: string;
  points: number;
  /** How the points came about (docs/openapi.yaml, Score): rule category, unrounded points, ... */
  category?: 'fit' | 'engagement' | string | null;
  exact_points?: number;
  detail?: string | null;
  touchpoint_id?: number | string | null;
  occurred_at?: string | null;
  /** The share of the points left after decay, 0–1 (1: not decayed). */
  decay?: number;
  half_life_days?: number | null;
}

export interface Score {
  total: number;
  fit: number;
  engagement: number;
  grade: string | null;
  breakdown: ScoreItem[];
}

export interface PredictedFeature {
  feature: string;
  log_odds: number;
}

/** The lead's conversion probability under the workspace's latest trained model (issue 5). */
export interface PredictedConversion {
  probability: number;
  model_version: number;
  top: PredictedFeature[];
}

export interface Lead {
  id: number | string;
  external_id: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  phone: string | null;
  company: Company | null;
  channel: string | null;
  campaign: string | null;
  business_area: string | null;
  rating: string | null;
  horizon: string | null;
  expected_month: string | null;
  potential: string | null;
  probability: number | null;
  stage: string;
  owner: string | null;
  do_not_email: boolean;
  do_not_call: boolean;
  deal_value: number | null;
  score: Score | null;
  predicted_conversion?: PredictedConversion | null;
  custom_fields: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export interface HistoryEntry {
  id: number | string;
  kind: string;
  /** The API contract names them from_value/to_value; the server may send from/to. */
  from_value?: string | null;
  to_value?: string | null;
  from?: string | null;
  to?: string | null;
  reason: string | null;
  actor: string | null;
  at: string;
}

export interface Touchpoint {
  type: string;
  name: string | null;
  url: string | null;
  channel: string | null;
  campaign: string | null;
  occurred_at: string;
  filtered_reason: string | null;
  properties: Record<string, unknown> | null;
}

export interface BusinessArea {
  key: string;
  name: string;
  average_deal_value: number | null;
}

export interface Channel {
  key: string;
  name: string;
  kind: 'online' | 'offline' | string;
}

export interface Workspace {
  name: string;
  currency: string;
  timezone: string;
  tracking_key: string;
  mql_threshold: number;
  sql_deadline_days: number;
}

export interface ApiKey {
  id: number | string;
  name: string | null;
  role: Role | string;
  prefix?: string;
  created_at?: string;
  revoked_at?: string | null;
}
