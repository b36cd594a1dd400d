-- Tracking (issue 3): idempotent, session-aware touchpoints; anonymous visitors; first- and
-- latest-touch attribution on leads.
ALTER TABLE touchpoints ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN referrer TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN utm_source TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN utm_medium TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN utm_term TEXT NOT NULL DEFAULT '';
ALTER TABLE touchpoints ADD COLUMN utm_content TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX ux_touchpoints_message ON touchpoints (workspace_id, message_id)
    WHERE message_id <> '';

CREATE TABLE visitors (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
    anonymous_id TEXT NOT NULL,
    lead_id BIGINT REFERENCES leads (id),
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    session_id TEXT NOT NULL,
    first_touch_channel TEXT NOT NULL,
    first_touch_campaign TEXT NOT NULL,
    latest_touch_channel TEXT NOT NULL,
    latest_touch_campaign TEXT NOT NULL,
    PRIMARY KEY (workspace_id, anonymous_id)
);
CREATE INDEX ix_visitors_lead ON visitors (workspace_id, lead_id);

ALTER TABLE leads ADD COLUMN first_touch_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN first_touch_campaign TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN first_touch_at BIGINT;
ALTER TABLE leads ADD COLUMN latest_touch_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN latest_touch_campaign TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN latest_touch_at BIGINT;
