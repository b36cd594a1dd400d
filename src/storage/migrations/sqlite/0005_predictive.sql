-- Predictive scoring (issue 5): every trained model a workspace stored, numbered 1, 2, 3... per
-- workspace. trained_on and metrics are JSON (counts of won/lost leads, cross-validated AUC...);
-- model is the TrainedModel JSON of scoring/predictive/trained_model.hpp.
CREATE TABLE predictive_models (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    trained_on TEXT NOT NULL,
    metrics TEXT NOT NULL,
    model TEXT NOT NULL,
    UNIQUE (workspace_id, version)
);
