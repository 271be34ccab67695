-- The blocker desk and stall detection (issue 7): one open builder_stall blocker per task at
-- most, the resolved-blocker history in time order, and the stall check that raises a
-- builder_stall blocker on the task of a builder silent past its organisation's threshold.

-- At most one open builder_stall blocker per task: the backstop that keeps the stall check
-- exactly-once when several app instances (or a timer and a request) run it at the same time.
-- raise_builder_stalls() names it in ON CONFLICT; a second insert waits for the first
-- transaction and then does nothing.
CREATE UNIQUE INDEX blockers_open_builder_stall_task_key ON blockers (organisation_id, task_id)
  WHERE classification = 'builder_stall' AND task_id IS NOT NULL AND resolved_at IS NULL AND deleted_at IS NULL;
--> statement-breakpoint

-- The blocker desk's history tab: resolved blockers, newest resolution first, a page at a time.
CREATE INDEX blockers_resolved_time_idx ON blockers (organisation_id, resolved_at DESC)
  WHERE resolved_at IS NOT NULL AND deleted_at IS NULL;
--> statement-breakpoint

-- Raises a builder_stall blocker on the task of every live builder that holds an unfinished
-- task and whose last heartbeat is older than its organisation's stall_threshold_seconds, once
-- per stall: not while an open builder_stall blocker sits on the task, and not again after one
-- detected since the builder's last heartbeat was resolved (a new stall needs a new heartbeat
-- first). Runs with the caller's rights: inside an organisation (row-level security) it sees
-- that organisation only; p_organisation narrows it further. Returns how many it raised.
-- Safe to run concurrently: the unique index above lets only one insert per task through.
CREATE FUNCTION raise_builder_stalls(p_organisation uuid DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  raised integer;
BEGIN
  INSERT INTO blockers (organisation_id, task_id, classification, severity, title, description, needs, created_by)
  SELECT b.organisation_id, b.current_task_id, 'builder_stall', 'blocking',
         format('%s stalled', b.builder_id),
         format('%s has sent no heartbeat since %s UTC, longer than the stall threshold of %s s, while holding this task.',
                b.builder_id, to_char(b.last_heartbeat AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), o.stall_threshold_seconds),
         'A live builder on the task: restart the builder or reassign the task.',
         'foreman'
    FROM builders b
    JOIN organisations o ON o.id = b.organisation_id
    JOIN tasks t ON t.organisation_id = b.organisation_id AND t.task_id = b.current_task_id
   WHERE (p_organisation IS NULL OR b.organisation_id = p_organisation)
     AND b.deleted_at IS NULL
     AND b.current_task_id IS NOT NULL
     AND t.deleted_at IS NULL
     AND t.state NOT IN ('completed', 'failed')
     AND b.last_heartbeat < now() - make_interval(secs => o.stall_threshold_seconds)
     AND NOT EXISTS (
       SELECT 1 FROM blockers x
        WHERE x.organisation_id = b.organisation_id
          AND x.entity_type = 'task' AND x.entity_id = b.current_task_id::text
          AND x.classification = 'builder_stall' AND x.deleted_at IS NULL
          AND (x.resolved_at IS NULL OR x.detected_at >= b.last_heartbeat))
  ON CONFLICT (organisation_id, task_id)
    WHERE classification = 'builder_stall' AND task_id IS NOT NULL AND resolved_at IS NULL AND deleted_at IS NULL
    DO NOTHING;
  GET DIAGNOSTICS raised = ROW_COUNT;
  RETURN raised;
END;
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION raise_builder_stalls(uuid) TO gantry_app;
