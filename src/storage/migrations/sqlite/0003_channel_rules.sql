-- Tracking (issue 3): each workspace's own channel rules (tried before the built-in defaults),
-- stored as the JSON document GET/PUT /api/v1/channel-rules shows.
CREATE TABLE channel_rules (
    workspace_id INTEGER PRIMARY KEY REFERENCES workspaces (id),
    rules_json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
