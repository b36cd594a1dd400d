-- Predictive scoring (issue 5): each lead's conversion probability under the workspace's latest
-- stored predictive model (NULL until a model exists), that model's version, and its top
-- contributing features as JSON [{"feature": "...", "log_odds": 0.41}, ...] (up to 3).
ALTER TABLE leads ADD COLUMN predicted_conversion REAL;
ALTER TABLE leads ADD COLUMN predicted_model_version INTEGER;
ALTER TABLE leads ADD COLUMN predicted_top TEXT;
-- The lead list sorts and filters on this exact expression (NULL sorts as -1, below every
-- probability), so that keyset paging stays a range scan.
CREATE INDEX leads_workspace_predicted ON leads (workspace_id, COALESCE(predicted_conversion, -1.0), id);
