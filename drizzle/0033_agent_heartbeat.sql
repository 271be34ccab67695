-- Issue 14: a heartbeat is the agent API's hottest call (every builder, every few seconds), so it is
-- one database call: agent_heartbeat renews the lease and records the heartbeat in one statement's
-- work, and agent_heartbeat_by_token adds the caller's token, the idempotency key and the audit,
-- so that a heartbeat over HTTP is one round trip to the database.
--
-- Refusals carry SQLSTATEs of their own (class GA, which PostgreSQL does not use), each with the
-- reason in words; the app maps them to its problems:
--   GA404 no such attempt                 GA403 the attempt is another worker's
--   GA410 the lease has lapsed            GA409 the attempt has ended
--   GA422 the idempotency key was used for another request
--   GA425 a request with the idempotency key has not finished

-- A builder's type key is checked when it is set or changed; a heartbeat (which moves
-- last_heartbeat through heartbeats_touch_builder) no longer runs the check.
DROP TRIGGER builders_terminology_keys ON builders;--> statement-breakpoint
CREATE TRIGGER builders_terminology_keys BEFORE INSERT OR UPDATE OF builder_type_key ON builders
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('builder_type_key', 'builder_type');--> statement-breakpoint

-- Takes an idempotency key for a request (the rules of lib/agent-api/idempotency.ts, which calls
-- it): the first request inserts it as pending and answers NULL (go on and execute); a key past its
-- 24 hours is taken afresh; a concurrent request with the key waits on the row until the first
-- commits, then gets the stored response. Another request under the key: GA422; unfinished: GA425.
CREATE FUNCTION take_idempotency_key(p_organisation uuid, p_key text, p_operation text, p_request_hash text, p_actor text)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  stored record;
BEGIN
  INSERT INTO idempotency_keys (organisation_id, key, operation, request_hash, status, expires_at, created_by)
  VALUES (p_organisation, p_key, p_operation, p_request_hash, 'pending', now() + interval '24 hours', p_actor)
  ON CONFLICT (organisation_id, key) DO UPDATE
    SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, status = 'pending', response = NULL,
        created_at = now(), expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by
    WHERE idempotency_keys.expires_at <= now();
  IF FOUND THEN
    RETURN NULL;
  END IF;
  SELECT k.request_hash, k.status, k.response INTO stored
    FROM idempotency_keys k WHERE k.organisation_id = p_organisation AND k.key = p_key;
  IF NOT FOUND OR stored.request_hash IS DISTINCT FROM p_request_hash THEN
    RAISE EXCEPTION 'This Idempotency-Key was already used for a different request (another operation or body); use a new key for a new request.'
      USING ERRCODE = 'GA422';
  END IF;
  IF stored.status <> 'complete' OR stored.response IS NULL THEN
    RAISE EXCEPTION 'A request with this Idempotency-Key has not finished; retry in a moment.' USING ERRCODE = 'GA425';
  END IF;
  RETURN stored.response;
END;
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION take_idempotency_key(uuid, text, text, text, text) TO gantry_app;
--> statement-breakpoint

-- A heartbeat by a worker on its attempt, in the caller's organisation: renews the attempt's lease
-- for another time-to-live (one conditional UPDATE: a lease that lapsed is not revived, and one
-- that a completion or the sweep is releasing is waited for and then found released) and, for a
-- builder, writes the heartbeat row (heartbeats_touch_builder moves the builder's last heartbeat).
-- The heartbeat row is the receipt that names the agent; a member (no builder, no heartbeat row)
-- gets an audit row instead. When the renewal finds nothing, the attempt says why.
CREATE FUNCTION agent_heartbeat(p_organisation uuid, p_worker text, p_builder text, p_attempt text, p_status text,
                                p_message text, p_progress integer, OUT heartbeat_at timestamptz, OUT lease_expires_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  held record;
BEGIN
  UPDATE leases l SET expires_at = now() + make_interval(secs => l.ttl_seconds), last_heartbeat = now()
    FROM attempts a
   WHERE l.organisation_id = p_organisation AND l.attempt_id = p_attempt AND l.resource_type = 'work_item'
     AND l.released_at IS NULL AND l.expires_at > now()
     AND a.organisation_id = p_organisation AND a.id = p_attempt AND a.worker_id = p_worker AND a.ended_at IS NULL
  RETURNING l.last_heartbeat, l.expires_at INTO heartbeat_at, lease_expires_at;
  IF NOT FOUND THEN
    SELECT a.worker_id, a.ended_at, a.outcome INTO held FROM attempts a WHERE a.organisation_id = p_organisation AND a.id = p_attempt;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'There is no attempt % in this organisation.', p_attempt USING ERRCODE = 'GA404';
    ELSIF held.worker_id <> p_worker THEN
      RAISE EXCEPTION 'Attempt % is not held by %; a builder acts only on its own attempts.', p_attempt, p_worker USING ERRCODE = 'GA403';
    ELSIF held.outcome = 'timed_out' THEN
      RAISE EXCEPTION 'The lease on attempt % expired without a heartbeat and the attempt timed out; claim the work again if it is still ready.', p_attempt
        USING ERRCODE = 'GA410';
    ELSIF held.ended_at IS NOT NULL THEN
      RAISE EXCEPTION 'Attempt % has ended (%).', p_attempt, coalesce(held.outcome, 'no outcome') USING ERRCODE = 'GA409';
    ELSE
      RAISE EXCEPTION 'The lease on attempt % has expired: no heartbeat came within its time-to-live. Claim the work again if it is still ready.', p_attempt
        USING ERRCODE = 'GA410';
    END IF;
  END IF;
  IF p_builder IS NOT NULL THEN
    INSERT INTO heartbeats (organisation_id, builder_id, status, message, progress_percentage, "timestamp")
    VALUES (p_organisation, p_builder, p_status, p_message, p_progress, heartbeat_at);
  ELSE
    INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, new_value, context, instance_id)
    VALUES (p_organisation, 'agent_api', p_worker, 'attempt', p_attempt, 'heartbeat',
            jsonb_build_object('status', p_status, 'progress', p_progress, 'message', p_message, 'leaseExpiresAt', lease_expires_at),
            jsonb_build_object('path', '/api/v1/attempts/{attemptId}/heartbeat'), current_instance_id());
  END IF;
END;
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION agent_heartbeat(uuid, text, text, text, text, text, integer) TO gantry_app;
--> statement-breakpoint

-- A heartbeat over HTTP in one call: the bearer token (by its SHA-256, as api_tokens keeps it;
-- live, its builder or member live, its organisation live: the rules of resolveCaller), the
-- caller's role among those the operation's permission allows (p_roles, from the app's roles
-- table), its last use (at most once a minute), then, as that caller in its organisation
-- (gantry.organisation_id and gantry.actor, so every trigger names it), the idempotency key and
-- the heartbeat. It runs as its owner to read the token before any organisation is known (as
-- resolveCaller does on the connection's own user); everything after is confined to the token's
-- organisation by its WHERE clauses.
-- Answers {"refused": "unauthenticated"} or {"refused": "forbidden", "role": …} (nothing written),
-- {"replayed": <stored response>}, or {"body": <the response's JSON text>}.
CREATE FUNCTION agent_heartbeat_by_token(p_token_hash text, p_roles text[], p_attempt text, p_status text, p_message text,
                                         p_progress integer, p_key text, p_request_hash text)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  caller record;
  actor text;
  role text;
  replay jsonb;
  beat record;
  body text;
BEGIN
  SELECT t.organisation_id, t.id AS token_id, b.builder_id, m.user_id, m.role INTO caller
    FROM api_tokens t
    JOIN organisations o ON o.id = t.organisation_id AND o.deleted_at IS NULL
    LEFT JOIN builders b ON b.organisation_id = t.organisation_id AND b.builder_id = t.builder_id AND b.deleted_at IS NULL
    LEFT JOIN memberships m ON m.organisation_id = t.organisation_id AND m.user_id = t.user_id AND m.deleted_at IS NULL
   WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL;
  IF NOT FOUND OR (caller.builder_id IS NULL AND caller.user_id IS NULL) THEN
    RETURN jsonb_build_object('refused', 'unauthenticated');
  END IF;
  UPDATE api_tokens SET last_used_at = now()
   WHERE organisation_id = caller.organisation_id AND id = caller.token_id
     AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
  role := CASE WHEN caller.builder_id IS NOT NULL THEN 'builder' ELSE caller.role END;
  IF NOT role = ANY (p_roles) THEN
    RETURN jsonb_build_object('refused', 'forbidden', 'role', role);
  END IF;
  actor := CASE WHEN caller.builder_id IS NOT NULL THEN 'agent:' || caller.builder_id ELSE 'user:' || caller.user_id END;
  -- synchronous_commit off for this transaction only: a heartbeat does not wait for its WAL to
  -- reach the disk. If the database server itself crashes, the last fraction of a second of
  -- acknowledged heartbeats may be lost (never half-written): a lease then looks as old as its
  -- previous heartbeat, and a retried request under a lost idempotency key beats once more.
  -- Every other write of Gantry keeps synchronous commit.
  PERFORM set_config('gantry.organisation_id', caller.organisation_id::text, true), set_config('gantry.actor', actor, true),
          set_config('synchronous_commit', 'off', true);
  IF p_key IS NOT NULL THEN
    replay := take_idempotency_key(caller.organisation_id, p_key, 'heartbeat', p_request_hash, actor);
    IF replay IS NOT NULL THEN
      RETURN jsonb_build_object('replayed', replay);
    END IF;
  END IF;
  SELECT * INTO beat FROM agent_heartbeat(caller.organisation_id, actor, caller.builder_id, p_attempt, p_status, p_message, p_progress);
  body := json_build_object('data', json_build_object(
            'attemptId', p_attempt, 'status', p_status, 'progress', p_progress,
            'at', to_char(beat.heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'leaseExpiresAt', to_char(beat.lease_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text;
  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status = 'complete', response = jsonb_build_object('status', 200, 'body', body), updated_at = now()
     WHERE organisation_id = caller.organisation_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('body', body);
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION agent_heartbeat_by_token(text, text[], text, text, text, integer, text, text) FROM PUBLIC;
