-- Dialoghook's replay store in the application's database (dialoghook.replay.store=jdbc), on PostgreSQL.
-- The receiver creates this table and its index itself when they are missing. A DBA who creates tables
-- by hand runs this file once in the database and schema of the application's data source, as a role
-- that may create tables, and grants the application's role SELECT, INSERT, UPDATE and DELETE on it.
--
-- One row a delivery, a few hundred bytes plus its reply's body. expires_at and created_at are
-- milliseconds since 1970-01-01 UTC. Rows whose window has passed are deleted by the receiver in
-- batches of at most 500; see docs/operators.md.
CREATE TABLE IF NOT EXISTS dialoghook_replays (
    replay_key VARCHAR(255) NOT NULL PRIMARY KEY, -- bot|delivery id|body digest: no token, no body
    state VARCHAR(8) NOT NULL,                    -- 'running' while the first run goes, then 'done'
    expires_at BIGINT NOT NULL,                   -- when the replay window ends
    created_at BIGINT NOT NULL,                   -- when the delivery was claimed
    status INTEGER,                               -- the reply: HTTP status,
    media_type VARCHAR(255),                      -- media type
    body BYTEA                                    -- and body
);
CREATE INDEX IF NOT EXISTS dialoghook_replays_expires_at ON dialoghook_replays (expires_at);
