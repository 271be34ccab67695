-- The board (issue 5): row versions and "age in column" for every kind of work item, the rule
-- that completion needs evidence, the Foreman task states as a terminology domain (the board's
-- columns), and version capture that ignores board bookkeeping.

-- Bumps row_version on every real change (optimistic concurrency: a move or an edit made against
-- an older version is refused by the application as "changed by someone else"), and notes when
-- the item entered its status column. Reordering alone (board_rank, a lane's rank or sort_order)
-- changes nobody's view of the item, so it keeps the version (the trigger's WHEN); so does a
-- backfill of status_changed_at alone (the trigger sets it with the status otherwise).
CREATE FUNCTION bump_row_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_version := OLD.row_version + 1;
  IF (to_jsonb(NEW) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0]) THEN
    NEW.status_changed_at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER change_requests_row_version BEFORE UPDATE ON change_requests
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION bump_row_version('status_key');
--> statement-breakpoint
CREATE TRIGGER bugs_row_version BEFORE UPDATE ON bugs
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION bump_row_version('status_key');
--> statement-breakpoint
CREATE TRIGGER roadmap_items_row_version BEFORE UPDATE ON roadmap_items
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'board_rank', 'rank', 'sort_order', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'board_rank', 'rank', 'sort_order', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION bump_row_version('status_key');
--> statement-breakpoint
-- The wave's progress roll-up writes tasks' parents, never tasks, so a task's version moves only
-- with the task itself.
CREATE TRIGGER tasks_row_version BEFORE UPDATE ON tasks
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION bump_row_version('state');
--> statement-breakpoint
CREATE TRIGGER card_row_version BEFORE UPDATE ON card
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'rank', 'position', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'rank', 'position', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION bump_row_version('status');
--> statement-breakpoint

-- Version capture (0009) compares whole rows: the board's own columns must not make a version.
DROP TRIGGER cr_version_capture ON change_requests;
--> statement-breakpoint
CREATE TRIGGER cr_version_capture AFTER UPDATE ON change_requests
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION capture_entity_version('cr', 'owner',
    'title', 'status_key', 'type_key', 'size', 'owner', 'product_id', 'feature_id', 'target_version');
--> statement-breakpoint
DROP TRIGGER bug_version_capture ON bugs;
--> statement-breakpoint
CREATE TRIGGER bug_version_capture AFTER UPDATE ON bugs
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'board_rank', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION capture_entity_version('bug', 'assigned_to',
    'title', 'status_key', 'severity_key', 'feature_id', 'feature_version', 'fix_cr_id');
--> statement-breakpoint
DROP TRIGGER roadmap_version_capture ON roadmap_items;
--> statement-breakpoint
CREATE TRIGGER roadmap_version_capture AFTER UPDATE ON roadmap_items
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'rank', 'sort_order', 'board_rank', 'row_version', 'status_changed_at'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'rank', 'sort_order', 'board_rank', 'row_version', 'status_changed_at']))
  EXECUTE FUNCTION capture_entity_version('roadmap_item', 'owner',
    'title', 'phase_key', 'status_key', 'owner', 'target_date');
--> statement-breakpoint

-- Completion needs evidence (issue 5; seed 003 asks it of attempts, the board asks it of the
-- items themselves): a roadmap item becomes completed only once evidence names it, a Foreman task
-- only once its evidence trail has an entry. Rows inserted already completed (imports, history)
-- are not checked, as the attempts rule checks updates only.
CREATE FUNCTION roadmap_completion_requires_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM evidence e WHERE e.organisation_id = NEW.organisation_id AND e.work_id = NEW.id) THEN
    RAISE EXCEPTION 'POLICY: Cannot complete % without evidence. Attach evidence first.', NEW.id
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_completion_requires_evidence BEFORE UPDATE OF status_key ON roadmap_items
  FOR EACH ROW WHEN (NEW.status_key = 'completed' AND OLD.status_key IS DISTINCT FROM 'completed')
  EXECUTE FUNCTION roadmap_completion_requires_evidence();
--> statement-breakpoint
CREATE FUNCTION task_completion_requires_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM evidence_trail e
    WHERE e.organisation_id = NEW.organisation_id AND e.entity_type = 'task' AND e.entity_id = NEW.task_id::text
  ) THEN
    RAISE EXCEPTION 'FOREMAN: Cannot complete task % without evidence. Attach evidence first.', NEW.name
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_completion_requires_evidence BEFORE UPDATE OF state ON tasks
  FOR EACH ROW WHEN (NEW.state = 'completed' AND OLD.state IS DISTINCT FROM 'completed')
  EXECUTE FUNCTION task_completion_requires_evidence();
--> statement-breakpoint

-- The Foreman task states keep their CHECK (seed 001); the terminology domain gives the board its
-- column names and order.
INSERT INTO terminology (domain, internal_key, display_name, sort_order) VALUES
  ('task_state', 'planned', 'Planned', 1),
  ('task_state', 'assigned', 'Assigned', 2),
  ('task_state', 'in-progress', 'In progress', 3),
  ('task_state', 'blocked', 'Blocked', 4),
  ('task_state', 'completed', 'Completed', 5),
  ('task_state', 'failed', 'Failed', 6);
