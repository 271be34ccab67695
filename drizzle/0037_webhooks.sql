-- Outgoing webhooks per organisation (issue 16, item 5; docs/webhooks.md). An owner or manager
-- names a URL and the events it wants; each matching change of the change feed (change_log) becomes
-- one delivery: a signed POST, retried with exponential backoff, logged with its status. Raw SQL
-- only: Gantry reads these tables with SQL in lib/webhooks (no Drizzle schema file).
CREATE TABLE webhooks (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  url text NOT NULL,
  -- The HMAC-SHA256 key, shown once at creation; Gantry needs it to sign, so it is kept as is.
  secret text NOT NULL,
  events text[] NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- Changes of the log after this number (and made since `since`) are still to be turned into
  -- deliveries; the worker moves it forward. A webhook never receives what happened before it
  -- was created or enabled again.
  cursor_seq bigint NOT NULL DEFAULT 0,
  since timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL REFERENCES "user" (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL REFERENCES "user" (id) ON DELETE RESTRICT,
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  deleted_by text REFERENCES "user" (id) ON DELETE RESTRICT,
  CONSTRAINT webhooks_pkey PRIMARY KEY (organisation_id, id),
  CONSTRAINT webhooks_name_check CHECK (btrim(name) <> '' AND length(name) <= 100),
  CONSTRAINT webhooks_url_check CHECK (url ~* '^https?://[^/?#\s]+' AND length(url) <= 2000),
  CONSTRAINT webhooks_secret_check CHECK (length(secret) BETWEEN 32 AND 200),
  CONSTRAINT webhooks_events_check CHECK (
    cardinality(events) BETWEEN 1 AND 20
    AND events <@ ARRAY['work.created', 'work.updated', 'work.deleted', 'blocker.raised', 'blocker.updated',
                        'release.created', 'release.updated', 'result.recorded', 'deployment.recorded']::text[]),
  CONSTRAINT webhooks_deleted_check CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);
--> statement-breakpoint
CREATE INDEX webhooks_live_idx ON webhooks (organisation_id, created_at) WHERE deleted_at IS NULL;
--> statement-breakpoint

CREATE TABLE webhook_deliveries (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  webhook_id uuid NOT NULL,
  event text NOT NULL,
  -- The change it reports (null for a test delivery, event 'ping').
  change_seq bigint,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- When it is next sent; null once delivered or given up.
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_status integer,
  last_error text,
  response_excerpt text,
  delivered_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (organisation_id, id),
  CONSTRAINT webhook_deliveries_webhook_fk FOREIGN KEY (organisation_id, webhook_id)
    REFERENCES webhooks (organisation_id, id) ON DELETE RESTRICT,
  CONSTRAINT webhook_deliveries_attempts_check CHECK (attempts >= 0),
  CONSTRAINT webhook_deliveries_excerpt_check CHECK (length(response_excerpt) <= 500 AND length(last_error) <= 500),
  CONSTRAINT webhook_deliveries_state_check CHECK (num_nonnulls(next_attempt_at, delivered_at, failed_at) = 1)
);
--> statement-breakpoint
-- One delivery per webhook and change, however many instances turn the log into deliveries.
CREATE UNIQUE INDEX webhook_deliveries_change_key ON webhook_deliveries (organisation_id, webhook_id, change_seq) WHERE change_seq IS NOT NULL;
--> statement-breakpoint
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (organisation_id, webhook_id, created_at DESC);
--> statement-breakpoint
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);
--> statement-breakpoint

-- Seed 001's org_isolation, as on every tenant-owned table (migration auth_rules).
ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON webhooks
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON webhook_deliveries
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
-- Webhooks are soft-deleted (deleted_at); deliveries leave by the retention prune.
REVOKE DELETE ON webhooks FROM gantry_app;
--> statement-breakpoint
CREATE TRIGGER webhooks_updated_at BEFORE UPDATE ON webhooks FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- The settings page follows its webhooks and their deliveries live (a delivery's status moves
-- while the page is open). The worker's own bookkeeping (cursor_seq) is not a change anyone watches.
CREATE TRIGGER announce_change AFTER INSERT OR DELETE ON webhooks FOR EACH ROW EXECUTE FUNCTION announce_change('id');
--> statement-breakpoint
CREATE TRIGGER announce_change_update AFTER UPDATE ON webhooks FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'cursor_seq' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'cursor_seq' - 'updated_at'))
  EXECUTE FUNCTION announce_change('id');
--> statement-breakpoint
SELECT announce_changes_on('webhook_deliveries', 'id');
