-- Issue 14 (a heartbeat's CPU in PostgreSQL): a batch of heartbeats is done together, a few
-- statements for the whole batch, instead of one subtransaction and a dozen statements per heartbeat.
--
-- agent_heartbeats_together does, for all the batch's heartbeats at once, exactly what
-- agent_heartbeat_by_token (migration 0033) does for one builder heartbeat that nothing refuses:
-- the token (live, its builder live, its organisation live), its last use (at most once a minute),
-- the lease renewed (a lapsed lease is not revived), the idempotency key stored with the answer,
-- the heartbeat row (heartbeats_touch_builder moves the builder's last heartbeat, and the builder's
-- row is announced on the change feed as before, with the heartbeat's builder as its actor), and the
-- same answer body. It takes only the ordinary case: builder tokens, one heartbeat per token, keys
-- not seen before; anything else (a refusal, a replay, a member's token, two heartbeats of one
-- builder, a key taken concurrently, a deadlock) raises GA000 or its own error, which undoes all of
-- it, and agent_heartbeats_by_token then runs the batch one heartbeat at a time as before
-- (migration 0038). So each heartbeat's writes and answer are the single call's, either way.
--
-- The idempotency key is inserted once, complete, instead of inserted pending and then completed:
-- a concurrent request with the same key that inserted it first makes this insert fail (unique
-- violation), so the batch is done one at a time, where take_idempotency_key waits for it.
-- The batch's heartbeats as rows. A function of its own for its row estimate: a batch is a few
-- heartbeats (64 at most), and with jsonb_array_elements' guess of 100 the planner would rather
-- read every token, builder and attempt of the organisation than look each one up by its index.
CREATE FUNCTION heartbeat_batch_items(p_beats jsonb)
RETURNS TABLE (ord integer, token_hash text, attempt text, status text, message text, progress integer, key text, request_hash text)
LANGUAGE plpgsql IMMUTABLE ROWS 4 AS $$
BEGIN
  RETURN QUERY
    SELECT b.ord::integer, b.value ->> 'token_hash', b.value ->> 'attempt', b.value ->> 'status', b.value ->> 'message',
           (b.value ->> 'progress')::integer, b.value ->> 'key', b.value ->> 'request_hash'
      FROM jsonb_array_elements(p_beats) WITH ORDINALITY AS b(value, ord);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION agent_heartbeats_together(p_roles text[], p_beats jsonb)
RETURNS jsonb[]
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  beat record;
  results jsonb[] := '{}';
  done integer := 0;
BEGIN
  IF NOT 'builder' = ANY (p_roles) THEN
    RAISE EXCEPTION 'Not a builder''s batch.' USING ERRCODE = 'GA000';
  END IF;
  -- The leases first, in the order of their tokens, as the one-at-a-time path takes them (migration
  -- 0038), so that two batches on the same builders wait for each other instead of deadlocking.
  PERFORM 1
     FROM heartbeat_batch_items(p_beats) b
     JOIN api_tokens t ON t.token_hash = b.token_hash
     JOIN leases l ON l.organisation_id = t.organisation_id AND l.attempt_id = b.attempt
    ORDER BY b.token_hash, b.ord
      FOR UPDATE OF l;
  -- Then one statement: the tokens, their last use, the leases and the idempotency keys of every
  -- heartbeat (its data-modifying parts run to completion before the loop reads a row).
  FOR beat IN
    WITH callers AS (
      SELECT beats.*, caller.organisation_id, caller.token_id, caller.builder_id, 'agent:' || caller.builder_id AS actor
        FROM heartbeat_batch_items(p_beats) AS beats
        CROSS JOIN LATERAL (
          SELECT t.organisation_id, t.id AS token_id, bl.builder_id
            FROM api_tokens t
            JOIN organisations o ON o.id = t.organisation_id AND o.deleted_at IS NULL
            JOIN builders bl ON bl.organisation_id = t.organisation_id AND bl.builder_id = t.builder_id AND bl.deleted_at IS NULL
           WHERE t.token_hash = beats.token_hash AND t.revoked_at IS NULL
           LIMIT 1) AS caller  -- one token a hash (unique); LIMIT keeps it a lookup per heartbeat
    ), used AS (
      UPDATE api_tokens t SET last_used_at = now()
        FROM callers c
       WHERE t.organisation_id = c.organisation_id AND t.id = c.token_id
         AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
    ), renewed AS (
      UPDATE leases l SET expires_at = now() + make_interval(secs => l.ttl_seconds), last_heartbeat = now()
        FROM callers c, attempts a
       WHERE l.organisation_id = c.organisation_id AND l.attempt_id = c.attempt AND l.resource_type = 'work_item'
         AND l.released_at IS NULL AND l.expires_at > now()
         AND a.organisation_id = c.organisation_id AND a.id = c.attempt AND a.worker_id = c.actor AND a.ended_at IS NULL
      RETURNING c.ord, c.token_hash, c.organisation_id, c.builder_id, c.actor, c.attempt, c.status, c.message, c.progress,
                c.key, c.request_hash, l.last_heartbeat AS heartbeat_at,
                json_build_object('data', json_build_object(
                  'attemptId', c.attempt, 'status', c.status, 'progress', c.progress,
                  'at', to_char(l.last_heartbeat AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'leaseExpiresAt', to_char(l.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text AS body
    ), keys AS (
      INSERT INTO idempotency_keys (organisation_id, key, operation, request_hash, status, response, expires_at, created_by)
      SELECT r.organisation_id, r.key, 'heartbeat', r.request_hash, 'complete', jsonb_build_object('status', 200, 'body', r.body),
             now() + interval '24 hours', r.actor
        FROM renewed r
       WHERE r.key IS NOT NULL
    )
    SELECT * FROM renewed ORDER BY token_hash, ord
  LOOP
    -- Row by row, so that each builder's announcement names its builder (change_log.actor).
    PERFORM set_config('gantry.organisation_id', beat.organisation_id::text, true), set_config('gantry.actor', beat.actor, true);
    INSERT INTO heartbeats (organisation_id, builder_id, status, message, progress_percentage, "timestamp")
    VALUES (beat.organisation_id, beat.builder_id, beat.status, beat.message, beat.progress, beat.heartbeat_at);
    results := results || jsonb_build_object('ord', beat.ord, 'answer', jsonb_build_object('body', beat.body));
    done := done + 1;
  END LOOP;
  PERFORM set_config('gantry.organisation_id', '', true), set_config('gantry.actor', '', true);
  -- Every heartbeat renewed exactly one lease, or the batch goes one at a time (which says why).
  IF done <> jsonb_array_length(p_beats) THEN
    RAISE EXCEPTION '% of % heartbeats could go together.', done, jsonb_array_length(p_beats) USING ERRCODE = 'GA000';
  END IF;
  RETURN results;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION agent_heartbeats_together(text[], jsonb) FROM PUBLIC;
--> statement-breakpoint
-- Migration 0038's function, now trying the batch together first (one subtransaction for all).
CREATE OR REPLACE FUNCTION agent_heartbeats_by_token(p_roles text[], p_beats jsonb)
RETURNS TABLE (ord integer, answer jsonb, error_code text, error_message text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  beat record;
  results jsonb[] := '{}';
  one jsonb;
  code text;
  reason text;
BEGIN
  IF 'builder' = ANY (p_roles) AND jsonb_array_length(p_beats) > 0 THEN
    BEGIN
      results := agent_heartbeats_together(p_roles, p_beats);
    EXCEPTION WHEN OTHERS THEN
      results := NULL;
    END;
    IF results IS NOT NULL THEN
      -- As agent_heartbeat_by_token sets it for each heartbeat (migration 0033).
      PERFORM set_config('synchronous_commit', 'off', true);
      RETURN QUERY
        SELECT (r ->> 'ord')::integer, r -> 'answer', NULL::text, NULL::text
          FROM unnest(results) AS r
         ORDER BY (r ->> 'ord')::integer;
      RETURN;
    END IF;
    results := '{}';
  END IF;
  FOR beat IN
    SELECT b.ord::integer AS ord, b.value ->> 'token_hash' AS token_hash, b.value ->> 'attempt' AS attempt,
           b.value ->> 'status' AS status, b.value ->> 'message' AS message, (b.value ->> 'progress')::integer AS progress,
           b.value ->> 'key' AS key, b.value ->> 'request_hash' AS request_hash
      FROM jsonb_array_elements(p_beats) WITH ORDINALITY AS b(value, ord)
     ORDER BY b.value ->> 'token_hash', b.ord
  LOOP
    PERFORM set_config('gantry.organisation_id', '', true), set_config('gantry.actor', '', true);
    BEGIN
      one := jsonb_build_object('ord', beat.ord, 'answer',
               agent_heartbeat_by_token(beat.token_hash, p_roles, beat.attempt, beat.status, beat.message, beat.progress,
                                        beat.key, beat.request_hash));
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, reason = MESSAGE_TEXT;
      one := jsonb_build_object('ord', beat.ord, 'error_code', code, 'error_message', reason);
    END;
    results := results || one;
  END LOOP;
  PERFORM set_config('gantry.organisation_id', '', true), set_config('gantry.actor', '', true);
  RETURN QUERY
    SELECT (r ->> 'ord')::integer, r -> 'answer', r ->> 'error_code', r ->> 'error_message'
      FROM unnest(results) AS r
     ORDER BY (r ->> 'ord')::integer;
END;
$$;
