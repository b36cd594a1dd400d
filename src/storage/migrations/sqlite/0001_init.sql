-- Leadbase schema 1 (SQLite). Times are epoch milliseconds, money minor units, booleans 0/1.
-- Every table but workspaces (the root) carries workspace_id.
CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    timezone TEXT NOT NULL,
    tracking_key TEXT NOT NULL,
    mql_threshold INTEGER NOT NULL,
    sql_deadline_days INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_workspaces_tracking_key ON workspaces (tracking_key) WHERE tracking_key <> '';

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (workspace_id, email);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE UNIQUE INDEX ux_api_keys_secret_hash ON api_keys (secret_hash);
CREATE INDEX ix_api_keys_workspace ON api_keys (workspace_id, id);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    name TEXT NOT NULL,
    domain TEXT NOT NULL,
    industry TEXT NOT NULL,
    employees INTEGER,
    annual_revenue INTEGER,
    country TEXT NOT NULL,
    customer_status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_companies_domain ON companies (workspace_id, domain) WHERE domain <> '';
CREATE INDEX ix_companies_name ON companies (workspace_id, name, id);

CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    external_id TEXT NOT NULL,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    title TEXT NOT NULL,
    phone TEXT NOT NULL,
    company_id INTEGER REFERENCES companies (id),
    channel TEXT NOT NULL,
    campaign TEXT NOT NULL,
    business_area TEXT NOT NULL,
    rating TEXT,
    horizon TEXT,
    expected_month TEXT NOT NULL,
    potential TEXT,
    probability INTEGER,
    stage TEXT NOT NULL,
    owner_id INTEGER REFERENCES users (id),
    do_not_email INTEGER NOT NULL CHECK (do_not_email IN (0, 1)),
    do_not_call INTEGER NOT NULL CHECK (do_not_call IN (0, 1)),
    deal_value INTEGER,
    score_total INTEGER NOT NULL,
    score_fit INTEGER NOT NULL,
    score_engagement INTEGER NOT NULL,
    score_grade TEXT NOT NULL,
    score_breakdown TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_leads_email ON leads (workspace_id, email) WHERE email <> '';
CREATE UNIQUE INDEX ux_leads_external_id ON leads (workspace_id, external_id) WHERE external_id <> '';
CREATE INDEX ix_leads_created ON leads (workspace_id, created_at, id);
CREATE INDEX ix_leads_updated ON leads (workspace_id, updated_at, id);
CREATE INDEX ix_leads_score ON leads (workspace_id, score_total, id);
CREATE INDEX ix_leads_name ON leads (workspace_id, last_name, first_name, id);
CREATE INDEX ix_leads_stage ON leads (workspace_id, stage, created_at, id);
CREATE INDEX ix_leads_owner ON leads (workspace_id, owner_id, created_at, id);
CREATE INDEX ix_leads_channel ON leads (workspace_id, channel, created_at, id);
CREATE INDEX ix_leads_business_area ON leads (workspace_id, business_area, created_at, id);
CREATE INDEX ix_leads_company ON leads (workspace_id, company_id);

CREATE TABLE lead_custom_fields (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (workspace_id, lead_id, key)
);

CREATE TABLE lead_history (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    lead_id INTEGER NOT NULL REFERENCES leads (id),
    kind TEXT NOT NULL,
    from_value TEXT NOT NULL,
    to_value TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX ix_lead_history_lead ON lead_history (workspace_id, lead_id, at, id);

CREATE TABLE business_areas (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    average_deal_value INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_business_areas_key ON business_areas (workspace_id, key);

CREATE TABLE channels (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_channels_key ON channels (workspace_id, key);

CREATE TABLE touchpoints (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    lead_id INTEGER REFERENCES leads (id),
    anonymous_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    channel TEXT NOT NULL,
    campaign TEXT NOT NULL,
    properties_json TEXT NOT NULL,
    filtered_reason TEXT NOT NULL,
    occurred_at INTEGER NOT NULL
);
CREATE INDEX ix_touchpoints_lead ON touchpoints (workspace_id, lead_id, occurred_at, id);
CREATE INDEX ix_touchpoints_anonymous ON touchpoints (workspace_id, anonymous_id);
