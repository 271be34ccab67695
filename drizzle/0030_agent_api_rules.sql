-- The agent API's rules (issue 14): builders' capabilities under the organisation's isolation,
-- the work a builder may claim now, and leases that lapse when heartbeats stop.

-- Seed 001's org_isolation, as on every tenant-owned table (migration auth_rules).
ALTER TABLE builder_capabilities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON builder_capabilities
  USING (organisation_id = current_user_org_id())
  WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint

-- Whether an open blocker stops a claim of its work. Every unresolved blocker does (seed 003),
-- except the builder_stall blocker that a lapsed lease leaves on its timed-out attempt: it
-- records that this builder went silent on that attempt, for a manager to look at, while the work
-- itself is free for another builder ("the work returns to the ready queue", issue 14).
CREATE FUNCTION blocker_stops_claim(p_organisation uuid, p_classification text, p_attempt text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT (p_classification IS NOT DISTINCT FROM 'builder_stall' AND p_attempt IS NOT NULL AND EXISTS (
    SELECT 1 FROM attempts a WHERE a.organisation_id = p_organisation AND a.id = p_attempt AND a.ended_at IS NOT NULL))
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION blocker_stops_claim(uuid, text, text) TO gantry_app;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION attempts_no_claim_blocked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM blockers b
     WHERE b.organisation_id = NEW.organisation_id AND b.work_id = NEW.work_id
       AND b.resolved_at IS NULL
       AND blocker_stops_claim(b.organisation_id, b.classification, b.attempt_id)
  ) THEN
    RAISE EXCEPTION 'KERNEL: Work has unresolved blockers. Resolve blockers before claiming.'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Work a builder may claim now: ready (v_ready_items: pending, every hard dependency done), no
-- open attempt, no blocker that stops a claim. The agent API's ready queue reads it, filtered by
-- the builder's capabilities; the claim itself is decided by the attempts triggers.
CREATE VIEW v_claimable_work WITH (security_invoker = true) AS
SELECT r.organisation_id, r.id, r.title, r.phase_key, r.owner, r.rank
  FROM v_ready_items r
 WHERE NOT EXISTS (
         SELECT 1 FROM attempts a
          WHERE a.organisation_id = r.organisation_id AND a.work_id = r.id AND a.ended_at IS NULL)
   AND NOT EXISTS (
         SELECT 1 FROM blockers b
          WHERE b.organisation_id = r.organisation_id AND b.work_id = r.id AND b.resolved_at IS NULL
            AND blocker_stops_claim(b.organisation_id, b.classification, b.attempt_id));
--> statement-breakpoint

-- The sweep of claims whose lease lapsed: a lease on a work item (resource_type 'work_item')
-- not released, expired at p_now, whose attempt is still open. For each: the lease is released,
-- the attempt ends as timed_out, a builder_stall blocker is raised on the attempt (and so on its
-- work), the item goes back from in_progress to pending (ready again), and the audit log says so.
-- p_now is the clock (a test passes a later one); p_organisation and p_work narrow the sweep.
-- Rows another transaction holds (a heartbeat renewing its lease) are skipped: that lease is
-- being renewed. Several instances may sweep at once; each lapse is handled once.
CREATE FUNCTION expire_work_leases(p_now timestamptz DEFAULT now(), p_organisation uuid DEFAULT NULL, p_work text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  lapsed record;
  swept integer := 0;
BEGIN
  FOR lapsed IN
    SELECT l.organisation_id, l.id AS lease_id, l.attempt_id, l.worker_id, l.expires_at, l.ttl_seconds,
           l.last_heartbeat, a.work_id
      FROM leases l
      JOIN attempts a ON a.organisation_id = l.organisation_id AND a.id = l.attempt_id
     WHERE l.resource_type = 'work_item' AND l.released_at IS NULL AND l.expires_at <= p_now
       AND a.ended_at IS NULL
       AND (p_organisation IS NULL OR l.organisation_id = p_organisation)
       AND (p_work IS NULL OR l.resource_id = p_work)
     ORDER BY l.organisation_id, l.id
     FOR UPDATE OF l, a SKIP LOCKED
  LOOP
    UPDATE leases SET released_at = p_now
     WHERE organisation_id = lapsed.organisation_id AND id = lapsed.lease_id;
    UPDATE attempts SET ended_at = p_now, outcome = 'timed_out',
           notes = concat_ws(E'\n', notes, format('Lease %s lapsed at %s UTC: no heartbeat for %s s.', lapsed.lease_id,
                   to_char(lapsed.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), lapsed.ttl_seconds))
     WHERE organisation_id = lapsed.organisation_id AND id = lapsed.attempt_id;
    INSERT INTO blockers (organisation_id, work_id, attempt_id, classification, reason_code, severity, title,
                          description, needs, created_by, detected_at)
    VALUES (lapsed.organisation_id, lapsed.work_id, lapsed.attempt_id, 'builder_stall', 'technical_failure', 'warning',
            format('%s stalled on %s', lapsed.worker_id, lapsed.work_id),
            format('%s sent no heartbeat on attempt %s for longer than its lease of %s s (last: %s UTC); the attempt timed out and %s is ready again.',
                   lapsed.worker_id, lapsed.attempt_id, lapsed.ttl_seconds,
                   coalesce(to_char(lapsed.last_heartbeat AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), 'none'), lapsed.work_id),
            'Check the builder; the work can be claimed again.', 'foreman', p_now);
    UPDATE roadmap_items SET status_key = 'pending'
     WHERE organisation_id = lapsed.organisation_id AND id = lapsed.work_id AND status_key = 'in_progress';
    INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, context, instance_id)
    VALUES (lapsed.organisation_id, 'agent_api', 'system', 'attempt', lapsed.attempt_id, 'lease_expired',
            jsonb_build_object('lease_id', lapsed.lease_id, 'work_id', lapsed.work_id, 'worker_id', lapsed.worker_id,
                               'expired_at', lapsed.expires_at),
            current_instance_id());
    swept := swept + 1;
  END LOOP;
  RETURN swept;
END;
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION expire_work_leases(timestamptz, uuid, text) TO gantry_app;
--> statement-breakpoint

-- Personal tokens (api_tokens.user_id): a member's own token acts as that member. It is made
-- only for a live member of the token's organisation; while they stay one, it works (the
-- request's lookup checks the membership again, so removing the member ends the token).
CREATE FUNCTION api_tokens_personal_member() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM memberships m
                  WHERE m.organisation_id = NEW.organisation_id AND m.user_id = NEW.user_id AND m.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'ACCESS: A personal API token is made only for a member of its organisation'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_tokens_personal_member BEFORE INSERT ON api_tokens
  FOR EACH ROW WHEN (NEW.user_id IS NOT NULL) EXECUTE FUNCTION api_tokens_personal_member();
--> statement-breakpoint

-- The token stays what it was made as: the builder or the member it acts as included (NULL-safe now
-- that either may be NULL).
CREATE OR REPLACE FUNCTION api_tokens_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                                     OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    RAISE EXCEPTION 'ACCESS: A revoked API token stays revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.organisation_id <> OLD.organisation_id OR NEW.id <> OLD.id
     OR NEW.builder_id IS DISTINCT FROM OLD.builder_id OR NEW.user_id IS DISTINCT FROM OLD.user_id
     OR NEW.token_hash <> OLD.token_hash OR NEW.token_prefix <> OLD.token_prefix
     OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'ACCESS: An API token cannot be changed; revoke it and create another'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Creating and revoking a token go to the audit log (never its hash), naming whom it acts as.
CREATE OR REPLACE FUNCTION api_tokens_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         new_value, instance_id)
  VALUES (
    NEW.organisation_id,
    'api_token',
    current_actor(),
    'api_token',
    NEW.id::text,
    CASE WHEN TG_OP = 'INSERT' THEN 'create' ELSE 'revoke' END,
    jsonb_strip_nulls(jsonb_build_object('builder_id', NEW.builder_id, 'user_id', NEW.user_id, 'name', NEW.name,
                                         'token_prefix', NEW.token_prefix)),
    current_instance_id()
  );
  RETURN NULL;
END;
$$;
