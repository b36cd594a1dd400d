-- Scoring (issue 4): the workspace's scoring models (documents in the model format of
-- docs/scoring.md, in evaluation order) and every lead's score history.
CREATE TABLE scoring_models (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

CREATE TABLE score_history (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    total INTEGER NOT NULL,
    fit INTEGER NOT NULL,
    engagement INTEGER NOT NULL,
    grade TEXT NOT NULL,
    model_key TEXT NOT NULL,
    cause TEXT NOT NULL
);
CREATE INDEX ix_score_history_lead ON score_history (workspace_id, lead_id, at, id);
