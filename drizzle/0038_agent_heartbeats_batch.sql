-- Issue 14: group commit for heartbeats. The heartbeat fast path (lib/agent-api/heartbeat-batch.ts)
-- gathers the heartbeats that arrive within a few milliseconds and sends them as ONE statement:
-- one round trip, one transaction, one commit (one WAL flush) for all of them.
--
-- Each heartbeat is exactly agent_heartbeat_by_token (migration 0033), called once per input, in
-- its own subtransaction (a BEGIN … EXCEPTION block), so that one heartbeat's refusal (an expired
-- lease, another worker's attempt, an unknown token …) undoes only its own writes and leaves the
-- others standing. One result row per input, in the input's order (ord, from 1):
--   answer      what agent_heartbeat_by_token answered ({"body"}, {"replayed"} or {"refused"}), or
--   error_code  the SQLSTATE it raised (GA404, GA403, GA410, GA409, GA422, GA425: migration 0033's
--               refusals; anything else, a deadlock for example, the app retries alone), and
--   error_message its reason in words.
-- The inputs are taken in the order of their token, then of arrival (ord), so that two batches lock
-- the rows of one builder in the same order; the result rows come back in the input's order.
-- Between two heartbeats, the caller's organisation and actor (set by each heartbeat, local to the
-- transaction) are cleared, so that a heartbeat never runs as the previous one's caller.
-- p_beats is a JSON array of {token_hash, attempt, status, message, progress, key, request_hash}:
-- one parameter, the same on postgres.js and PGlite.
CREATE FUNCTION agent_heartbeats_by_token(p_roles text[], p_beats jsonb)
RETURNS TABLE (ord integer, answer jsonb, error_code text, error_message text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  beat record;
  results jsonb[] := '{}';
  one jsonb;
  code text;
  reason text;
BEGIN
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
--> statement-breakpoint
REVOKE ALL ON FUNCTION agent_heartbeats_by_token(text[], jsonb) FROM PUBLIC;
