-- Faster tracking writes (issue 3). Most events are anonymous: their touchpoints and visitors have
-- no lead yet, so the indexes that find rows by lead leave them out (every query through them
-- asks for lead_id = ?, which a partial index on lead_id IS NOT NULL serves).
DROP INDEX ix_touchpoints_lead;
CREATE INDEX ix_touchpoints_lead ON touchpoints (workspace_id, lead_id, occurred_at, id)
    WHERE lead_id IS NOT NULL;
DROP INDEX ix_visitors_lead;
CREATE INDEX ix_visitors_lead ON visitors (workspace_id, lead_id) WHERE lead_id IS NOT NULL;
