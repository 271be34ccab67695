-- The change feed (docs/live.md): every committed change a page shows is written to the
-- append-only change_log, numbered by seq, and announced on the channel gantry_changes with a
-- small payload (organisation, seq, entity type, id, op). A row trigger does both in the writer's
-- own transaction, so NOTIFY is delivered at commit and a rolled-back change is never announced;
-- every writer (server actions, the agent API, the seed, the lease sweep, psql) feeds it.
CREATE TABLE change_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  changed_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX change_log_organisation_seq_idx ON change_log (organisation_id, seq);
--> statement-breakpoint
CREATE INDEX change_log_changed_at_idx ON change_log (changed_at);
--> statement-breakpoint

-- Seed 001's org_isolation, as on every tenant-owned table (migration auth_rules).
ALTER TABLE change_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON change_log
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON change_log TO gantry_app;
--> statement-breakpoint

-- Append-only: no row changes; a row leaves only by the prune, once it is older than an hour
-- (the shortest retention prune_change_log takes).
CREATE FUNCTION change_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'The change log is append-only: a change once recorded is never edited.' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.changed_at > now() - interval '1 hour' THEN
    RAISE EXCEPTION 'The change log keeps every change for at least an hour; only older rows may be pruned.' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
  FOR EACH ROW EXECUTE FUNCTION change_log_append_only();
--> statement-breakpoint

-- Removes the changes older than `keep` (at least an hour); answers how many went.
CREATE FUNCTION prune_change_log(keep interval) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  removed integer;
BEGIN
  IF keep < interval '1 hour' THEN
    RAISE EXCEPTION 'The change log keeps every change for at least an hour.' USING ERRCODE = 'check_violation';
  END IF;
  DELETE FROM change_log WHERE changed_at < now() - keep;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;
--> statement-breakpoint

-- The row trigger behind the feed. TG_ARGV[0] names the column that identifies the row (its key
-- besides organisation_id). One insert and one pg_notify per changed row; a row whose
-- organisation_id is NULL (an instance-wide row) is not announced.
CREATE FUNCTION announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  org uuid := (row_data ->> 'organisation_id')::uuid;
  entity text := row_data ->> TG_ARGV[0];
  operation text := lower(TG_OP);
  next_seq bigint;
BEGIN
  IF org IS NULL OR entity IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO change_log (organisation_id, entity_type, entity_id, op)
    VALUES (org, TG_TABLE_NAME, entity, operation)
    RETURNING seq INTO next_seq;
  PERFORM pg_notify('gantry_changes',
    json_build_object('o', org, 's', next_seq, 't', TG_TABLE_NAME, 'i', entity, 'op', operation)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint

-- Puts a table on the feed: `SELECT announce_changes_on('bugs', 'id');` (docs/live.md).
CREATE FUNCTION announce_changes_on(target regclass, id_column text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', 'announce_change', target);
  EXECUTE format('CREATE TRIGGER announce_change AFTER INSERT OR UPDATE OR DELETE ON %s '
                 'FOR EACH ROW EXECUTE FUNCTION announce_change(%L)', target, id_column);
END $$;
--> statement-breakpoint

-- What the pages show. Not announced: heartbeats (each one moves its builder's last heartbeat,
-- which is), audit and history tables, caches, idempotency keys, sessions.
SELECT announce_changes_on(t.name::regclass, t.id_column)
FROM (VALUES
  ('programs', 'id'), ('products', 'id'), ('features', 'id'), ('bugs', 'id'),
  ('roadmap_items', 'id'), ('roadmap_dependencies', 'item_id'), ('roadmap_assignments', 'id'),
  ('roadmap_phase_limits', 'phase_key'), ('change_requests', 'id'), ('cr_dependencies', 'cr_id'),
  ('releases', 'id'), ('standards', 'id'), ('standard_assignments', 'id'), ('compliance_results', 'id'),
  ('deployment_events', 'id'), ('deploy_gates', 'id'), ('charter_docs', 'id'),
  ('blockers', 'id'), ('builders', 'builder_id'), ('builder_capabilities', 'builder_id'),
  ('attempts', 'id'), ('leases', 'id'), ('claims', 'id'), ('evidence', 'id'), ('tasks', 'task_id'), ('waves', 'wave_id'),
  ('decisions', 'id'), ('approval_request', 'id'), ('card', 'id'), ('preferences', 'key'),
  ('memberships', 'id'), ('invitations', 'id'), ('api_tokens', 'id')
) AS t (name, id_column);
--> statement-breakpoint

-- A token's last use is bookkeeping, not a change anyone watches (and a refused call must
-- announce nothing): an update of api_tokens is announced only when more than last_used_at (and the updated_at
-- a trigger moves with it) changed.
DROP TRIGGER announce_change ON api_tokens;
--> statement-breakpoint
CREATE TRIGGER announce_change AFTER INSERT OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION announce_change('id');
--> statement-breakpoint
CREATE TRIGGER announce_change_update AFTER UPDATE ON api_tokens FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_used_at' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at' - 'updated_at'))
  EXECUTE FUNCTION announce_change('id');
