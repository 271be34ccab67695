-- Hand-written rules for the planning slice (seed 004, Dossier): append-only logs, the action
-- pipeline's sequence and idempotency, the build gate, run policy, state machines and approval
-- gates. Refusals raise check_violation (23514); their texts start as SEMANTICS.md 2.2 and the
-- original's code word them. PostgreSQL fires same-event triggers alphabetically: the names
-- below give the original's order of checks.

-- ---------------------------------------------------------------------------------------------
-- Append-only tables: reject_append_only_change(message) from 0001_portfolio_rules.
CREATE TRIGGER planning_action_no_update BEFORE UPDATE ON planning_action
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Planning actions are immutable. Record a new action instead.');
--> statement-breakpoint
CREATE TRIGGER planning_action_no_delete BEFORE DELETE ON planning_action
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Planning actions cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Event log entries are immutable.');
--> statement-breakpoint
CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Event log entries cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER run_check_no_update BEFORE UPDATE ON run_check
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Run checks are immutable. Record a new check instead.');
--> statement-breakpoint
CREATE TRIGGER run_check_no_delete BEFORE DELETE ON run_check
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Run checks cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER agent_commit_no_update BEFORE UPDATE ON agent_commit
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Agent commits are immutable.');
--> statement-breakpoint
CREATE TRIGGER agent_commit_no_delete BEFORE DELETE ON agent_commit
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Agent commits cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER memory_retrieval_log_no_update BEFORE UPDATE ON memory_retrieval_log
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Memory retrieval log entries are immutable.');
--> statement-breakpoint
CREATE TRIGGER memory_retrieval_log_no_delete BEFORE DELETE ON memory_retrieval_log
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Memory retrieval log entries cannot be deleted.');
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- updated_at on every planning table that has it.
CREATE TRIGGER project_updated_at BEFORE UPDATE ON project
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER workflow_updated_at BEFORE UPDATE ON workflow
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER workflow_activity_updated_at BEFORE UPDATE ON workflow_activity
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_updated_at BEFORE UPDATE ON card
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER context_artifact_updated_at BEFORE UPDATE ON context_artifact
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_context_artifact_updated_at BEFORE UPDATE ON card_context_artifact
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_requirement_updated_at BEFORE UPDATE ON card_requirement
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_known_fact_updated_at BEFORE UPDATE ON card_known_fact
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_assumption_updated_at BEFORE UPDATE ON card_assumption
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_question_updated_at BEFORE UPDATE ON card_question
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_planned_file_updated_at BEFORE UPDATE ON card_planned_file
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER system_policy_profile_updated_at BEFORE UPDATE ON system_policy_profile
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER orchestration_run_updated_at BEFORE UPDATE ON orchestration_run
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER card_assignment_updated_at BEFORE UPDATE ON card_assignment
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER agent_execution_updated_at BEFORE UPDATE ON agent_execution
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER pull_request_candidate_updated_at BEFORE UPDATE ON pull_request_candidate
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER approval_request_updated_at BEFORE UPDATE ON approval_request
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER memory_unit_updated_at BEFORE UPDATE ON memory_unit
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER memory_unit_relation_updated_at BEFORE UPDATE ON memory_unit_relation
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Card statuses are the board's columns: terminology domain card_status, in board order.
CREATE TRIGGER card_terminology_keys BEFORE INSERT OR UPDATE ON card
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('status', 'card_status');
--> statement-breakpoint
INSERT INTO terminology (domain, internal_key, display_name, sort_order) VALUES
  ('card_status', 'todo', 'To do', 1),
  ('card_status', 'active', 'Active', 2),
  ('card_status', 'questions', 'Questions', 3),
  ('card_status', 'review', 'Review', 4),
  ('card_status', 'production', 'Production', 5);
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- The action pipeline. The application applies a batch by setting action_sequence to the
-- expected_sequence it read plus one; the database refuses unless no one moved it meanwhile.
CREATE FUNCTION planning_project_action_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.action_sequence <> OLD.action_sequence + 1 THEN
    RAISE EXCEPTION 'Concurrent modification: action_sequence is %, it can only advance to %',
      OLD.action_sequence, OLD.action_sequence + 1
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'action_sequence';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_action_sequence BEFORE UPDATE OF action_sequence ON project
  FOR EACH ROW WHEN (NEW.action_sequence IS DISTINCT FROM OLD.action_sequence)
  EXECUTE FUNCTION planning_project_action_sequence();
--> statement-breakpoint

-- One idempotency key names one batch: its actions take batch_position 0, 1, 2, … in order, and
-- the unique index on (project, key, batch_position) refuses a second batch at position 0.
CREATE FUNCTION planning_action_idempotency_batch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM planning_action a
    WHERE a.organisation_id = NEW.organisation_id AND a.project_id = NEW.project_id
      AND a.idempotency_key = NEW.idempotency_key AND a.batch_position = NEW.batch_position - 1
  ) THEN
    RAISE EXCEPTION 'Idempotency key "%" has no action at batch_position %: a batch is written in order from 0',
      NEW.idempotency_key, NEW.batch_position - 1
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'batch_position';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER planning_action_idempotency_batch BEFORE INSERT ON planning_action
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL AND NEW.batch_position > 0)
  EXECUTE FUNCTION planning_action_idempotency_batch();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Runs. The cards a run builds: the card of a card-scoped run, or every live card under the
-- live activities of a workflow-scoped run's workflow.
CREATE FUNCTION planning_cards_in_run_scope(org uuid, run_scope text, run_workflow_id uuid, run_card_id uuid)
RETURNS TABLE (card_id uuid, finalized_at timestamptz, workflow_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT c.id, c.finalized_at, w.id
  FROM card c
  JOIN workflow_activity a ON a.organisation_id = c.organisation_id AND a.id = c.workflow_activity_id
  JOIN workflow w ON w.organisation_id = a.organisation_id AND w.id = a.workflow_id
  WHERE c.organisation_id = org
    AND c.deleted_at IS NULL AND a.deleted_at IS NULL AND w.deleted_at IS NULL
    AND CASE WHEN run_scope = 'card' THEN c.id = run_card_id ELSE w.id = run_workflow_id END
$$;
--> statement-breakpoint

-- The single-build lock. Locking the project row makes two sessions that start builds at once
-- take turns, so the second sees the first's running run and gets this message; the unique
-- index orchestration_run_one_running_key backs it up.
CREATE FUNCTION planning_assert_no_running_build(org uuid, run_project_id uuid, this_run_id uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  running_id uuid;
BEGIN
  PERFORM 1 FROM project p WHERE p.organisation_id = org AND p.id = run_project_id FOR NO KEY UPDATE;
  SELECT r.id INTO running_id FROM orchestration_run r
  WHERE r.organisation_id = org AND r.project_id = run_project_id AND r.status = 'running'
    AND r.deleted_at IS NULL AND r.id <> this_run_id
  LIMIT 1;
  IF running_id IS NOT NULL THEN
    RAISE EXCEPTION 'Build in progress: run % is already running for this project', running_id
      USING ERRCODE = 'check_violation', TABLE = 'orchestration_run';
  END IF;
END;
$$;
--> statement-breakpoint

-- Triggering a build (SEMANTICS.md 2.2), in the original's order.
CREATE FUNCTION planning_orchestration_run_build_gate() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  proj record;
  card_workflow uuid;
  in_scope int;
  unfinalized text;
  unplanned text;
BEGIN
  PERFORM planning_assert_no_running_build(NEW.organisation_id, NEW.project_id, NEW.id);

  SELECT p.repo_url, p.deleted_at INTO proj FROM project p
  WHERE p.organisation_id = NEW.organisation_id AND p.id = NEW.project_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key reports it
  END IF;
  IF proj.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'Project not found: project % is deleted', NEW.project_id USING ERRCODE = 'check_violation';
  END IF;
  IF coalesce(btrim(proj.repo_url), '') = '' THEN
    RAISE EXCEPTION 'No repository connected: connect a repository to the project before triggering a build'
      USING ERRCODE = 'check_violation';
  END IF;

  IF (NEW.scope = 'card' AND NEW.card_id IS NULL) OR (NEW.scope = 'workflow' AND NEW.workflow_id IS NULL) THEN
    RETURN NEW; -- the scope CHECKs report it
  END IF;

  IF NEW.scope = 'card' AND NEW.workflow_id IS NOT NULL THEN
    SELECT s.workflow_id INTO card_workflow
    FROM planning_cards_in_run_scope(NEW.organisation_id, 'card', NULL, NEW.card_id) s;
    IF card_workflow IS DISTINCT FROM NEW.workflow_id THEN
      RAISE EXCEPTION 'Card % is not in workflow %', NEW.card_id, NEW.workflow_id USING ERRCODE = 'check_violation';
    END IF;
  END IF;

  SELECT count(*),
         string_agg(s.card_id::text, ', ' ORDER BY s.card_id) FILTER (WHERE s.finalized_at IS NULL),
         string_agg(s.card_id::text, ', ' ORDER BY s.card_id) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM card_planned_file f
           WHERE f.organisation_id = NEW.organisation_id AND f.card_id = s.card_id
             AND f.status = 'approved' AND f.deleted_at IS NULL))
    INTO in_scope, unfinalized, unplanned
  FROM planning_cards_in_run_scope(NEW.organisation_id, NEW.scope, NEW.workflow_id, NEW.card_id) s;

  IF in_scope = 0 THEN
    RAISE EXCEPTION 'No cards in scope for this build' USING ERRCODE = 'check_violation';
  END IF;
  IF unfinalized IS NOT NULL THEN
    RAISE EXCEPTION 'Card(s) not approved: finalize % before triggering a build', unfinalized
      USING ERRCODE = 'check_violation';
  END IF;
  IF unplanned IS NOT NULL THEN
    RAISE EXCEPTION 'Card(s) have no approved planned file: %', unplanned USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orchestration_run_build_gate BEFORE INSERT ON orchestration_run
  FOR EACH ROW EXECUTE FUNCTION planning_orchestration_run_build_gate();
--> statement-breakpoint

-- Run creation against the project's policy (SEMANTICS.md 2.2; the original's run-validation).
-- Path matching is the original's: a path matches a forbidden path that it contains.
CREATE FUNCTION planning_orchestration_run_policy() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  pol record;
  run_allowed jsonb := NEW.run_input_snapshot -> 'allowed_paths';
  run_forbidden jsonb := NEW.run_input_snapshot -> 'forbidden_paths';
  path text;
BEGIN
  SELECT sp.required_checks, coalesce(sp.forbidden_paths, '[]'::jsonb) AS forbidden_paths, sp.deleted_at INTO pol
  FROM system_policy_profile sp
  WHERE sp.organisation_id = NEW.organisation_id AND sp.id = NEW.system_policy_profile_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key reports it
  END IF;
  IF pol.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'system policy profile % is deleted: a run uses the project''s live policy', NEW.system_policy_profile_id
      USING ERRCODE = 'check_violation';
  END IF;

  IF NEW.run_input_snapshot ->> 'workflow_id' IS NULL AND NEW.run_input_snapshot ->> 'card_id' IS NULL THEN
    RAISE EXCEPTION 'run_input_snapshot must include workflow_id or card_id as scope target' USING ERRCODE = 'check_violation';
  END IF;

  IF jsonb_typeof(run_allowed) = 'array' THEN
    SELECT fp.value INTO path
    FROM jsonb_array_elements_text(pol.forbidden_paths) WITH ORDINALITY AS fp(value, n)
    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(run_allowed) ap(value) WHERE strpos(ap.value, fp.value) > 0)
    ORDER BY fp.n LIMIT 1;
    IF path IS NOT NULL THEN
      RAISE EXCEPTION 'allowed_paths cannot include forbidden path: %', path USING ERRCODE = 'check_violation';
    END IF;
  END IF;

  IF jsonb_typeof(run_forbidden) = 'array' THEN
    SELECT fp.value INTO path
    FROM jsonb_array_elements_text(pol.forbidden_paths) WITH ORDINALITY AS fp(value, n)
    WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(run_forbidden) rp(value) WHERE strpos(rp.value, fp.value) > 0)
    ORDER BY fp.n LIMIT 1;
    IF path IS NOT NULL THEN
      RAISE EXCEPTION 'run must forbid paths required by policy: %', path USING ERRCODE = 'check_violation';
    END IF;
  END IF;

  IF NEW.scope = 'workflow' AND NOT pol.required_checks ? 'integration' THEN
    RAISE EXCEPTION 'workflow scope requires integration check in policy required_checks' USING ERRCODE = 'check_violation';
  END IF;
  IF pol.required_checks = '[]'::jsonb THEN
    RAISE EXCEPTION 'policy must have at least one required check' USING ERRCODE = 'check_violation';
  END IF;

  -- The approval gates read the snapshot: it may add checks and forbidden paths, never drop one.
  IF NOT (coalesce(NEW.system_policy_snapshot -> 'required_checks', '[]'::jsonb) @> pol.required_checks
          AND coalesce(NEW.system_policy_snapshot -> 'forbidden_paths', '[]'::jsonb) @> pol.forbidden_paths) THEN
    RAISE EXCEPTION 'system_policy_snapshot must carry the policy''s required_checks and forbidden_paths'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orchestration_run_policy BEFORE INSERT ON orchestration_run
  FOR EACH ROW EXECUTE FUNCTION planning_orchestration_run_policy();
--> statement-breakpoint

-- A run's scope, source and snapshots are fixed when it is created.
CREATE FUNCTION planning_orchestration_run_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.project_id, NEW.scope, NEW.workflow_id, NEW.card_id, NEW.trigger_type, NEW.initiated_by, NEW.repo_url,
      NEW.base_branch, NEW.system_policy_profile_id, NEW.system_policy_snapshot, NEW.run_input_snapshot)
     IS DISTINCT FROM
     (OLD.project_id, OLD.scope, OLD.workflow_id, OLD.card_id, OLD.trigger_type, OLD.initiated_by, OLD.repo_url,
      OLD.base_branch, OLD.system_policy_profile_id, OLD.system_policy_snapshot, OLD.run_input_snapshot) THEN
    RAISE EXCEPTION 'A run''s scope, source and snapshots are immutable' USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orchestration_run_immutable BEFORE UPDATE ON orchestration_run
  FOR EACH ROW EXECUTE FUNCTION planning_orchestration_run_immutable();
--> statement-breakpoint

-- RunStatus: completed, failed and cancelled are final (runs, assignments, agent executions).
CREATE FUNCTION planning_status_final() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% has ended (%): its status cannot change to %', TG_ARGV[0], OLD.status, NEW.status
    USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'status';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orchestration_run_status BEFORE UPDATE OF status ON orchestration_run
  FOR EACH ROW WHEN (OLD.status IN ('failed', 'completed', 'cancelled') AND NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION planning_status_final('Run');
--> statement-breakpoint
CREATE TRIGGER card_assignment_status BEFORE UPDATE OF status ON card_assignment
  FOR EACH ROW WHEN (OLD.status IN ('failed', 'completed', 'cancelled') AND NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION planning_status_final('Assignment');
--> statement-breakpoint
CREATE TRIGGER agent_execution_status BEFORE UPDATE OF status ON agent_execution
  FOR EACH ROW WHEN (OLD.status IN ('failed', 'completed', 'cancelled') AND NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION planning_status_final('Agent execution');
--> statement-breakpoint

CREATE FUNCTION planning_orchestration_run_status_running() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM planning_assert_no_running_build(NEW.organisation_id, NEW.project_id, NEW.id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orchestration_run_status_running BEFORE UPDATE OF status ON orchestration_run
  FOR EACH ROW WHEN (NEW.status = 'running' AND OLD.status IS DISTINCT FROM 'running')
  EXECUTE FUNCTION planning_orchestration_run_status_running();
--> statement-breakpoint

-- started_at when work starts, ended_at when it ends, unless the caller gave them.
CREATE FUNCTION planning_stamp_run_times() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'running' AND NEW.started_at IS NULL THEN
    NEW.started_at := now();
  END IF;
  IF NEW.status IN ('failed', 'completed', 'cancelled') AND NEW.ended_at IS NULL THEN
    NEW.ended_at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orchestration_run_times BEFORE INSERT OR UPDATE OF status ON orchestration_run
  FOR EACH ROW EXECUTE FUNCTION planning_stamp_run_times();
--> statement-breakpoint
CREATE TRIGGER agent_execution_times BEFORE INSERT OR UPDATE OF status ON agent_execution
  FOR EACH ROW EXECUTE FUNCTION planning_stamp_run_times();
--> statement-breakpoint

-- Creating an assignment (SEMANTICS.md 2.2; the original's create-assignment), then Gantry's
-- own: the card is one the run builds, and an ended run takes no new assignment.
CREATE FUNCTION planning_card_assignment_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  run record;
  path text;
BEGIN
  SELECT r.scope, r.workflow_id, r.card_id, r.status, r.system_policy_snapshot, p.default_branch INTO run
  FROM orchestration_run r
  JOIN project p ON p.organisation_id = r.organisation_id AND p.id = r.project_id
  WHERE r.organisation_id = NEW.organisation_id AND r.id = NEW.run_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key reports it
  END IF;

  IF NEW.feature_branch = run.default_branch THEN
    RAISE EXCEPTION 'feature_branch cannot equal project default_branch (%)', run.default_branch
      USING ERRCODE = 'check_violation', COLUMN = 'feature_branch';
  END IF;

  IF jsonb_typeof(NEW.allowed_paths) = 'array' THEN
    SELECT fp.value INTO path
    FROM jsonb_array_elements_text(coalesce(run.system_policy_snapshot -> 'forbidden_paths', '[]'::jsonb))
      WITH ORDINALITY AS fp(value, n)
    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(NEW.allowed_paths) ap(value) WHERE strpos(ap.value, fp.value) > 0)
    ORDER BY fp.n LIMIT 1;
    IF path IS NOT NULL THEN
      RAISE EXCEPTION 'allowed_paths cannot include forbidden path from policy: %', path
        USING ERRCODE = 'check_violation', COLUMN = 'allowed_paths';
    END IF;
  END IF;

  IF TG_OP = 'INSERT' AND run.status IN ('failed', 'completed', 'cancelled') THEN
    RAISE EXCEPTION 'Run has ended (%): it takes no new assignments', run.status USING ERRCODE = 'check_violation';
  END IF;

  IF NOT EXISTS (
    SELECT 1 FROM planning_cards_in_run_scope(NEW.organisation_id, run.scope, run.workflow_id, run.card_id) s
    WHERE s.card_id = NEW.card_id
  ) THEN
    RAISE EXCEPTION 'Card % is not in the scope of run %', NEW.card_id, NEW.run_id
      USING ERRCODE = 'check_violation', COLUMN = 'card_id';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER card_assignment_rules BEFORE INSERT OR UPDATE OF run_id, card_id, feature_branch, allowed_paths ON card_assignment
  FOR EACH ROW EXECUTE FUNCTION planning_card_assignment_rules();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Approval requests: pending, then approved or rejected, once. Requesting or granting approval
-- needs every check the run's policy snapshot requires, latest result per type, to have passed
-- (the original's approval gates and messages).
CREATE FUNCTION planning_approval_request_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  required jsonb;
  required_type text;
  latest text;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status <> 'pending'
     AND (NEW.status, NEW.resolved_by, NEW.resolved_at) IS DISTINCT FROM (OLD.status, OLD.resolved_by, OLD.resolved_at) THEN
    RAISE EXCEPTION 'Approval request already resolved (%)', OLD.status
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'status';
  END IF;

  IF NEW.status <> 'pending' AND NEW.resolved_at IS NULL THEN
    NEW.resolved_at := now();
  END IF;

  IF (TG_OP = 'INSERT' AND NEW.status IN ('pending', 'approved'))
     OR (TG_OP = 'UPDATE' AND NEW.status = 'approved' AND OLD.status <> 'approved') THEN
    SELECT coalesce(r.system_policy_snapshot -> 'required_checks', '[]'::jsonb) INTO required
    FROM orchestration_run r WHERE r.organisation_id = NEW.organisation_id AND r.id = NEW.run_id;

    FOR required_type IN SELECT rc.value FROM jsonb_array_elements_text(coalesce(required, '[]'::jsonb)) WITH ORDINALITY AS rc(value, n) ORDER BY rc.n LOOP
      latest := NULL;
      SELECT c.status INTO latest FROM run_check c
      WHERE c.organisation_id = NEW.organisation_id AND c.run_id = NEW.run_id AND c.check_type = required_type
      ORDER BY coalesce(c.executed_at, c.created_at) DESC, c.created_at DESC, c.id DESC
      LIMIT 1;
      IF latest IS NULL THEN
        RAISE EXCEPTION 'Required check ''%'' has not been executed', required_type USING ERRCODE = 'check_violation';
      ELSIF latest = 'failed' THEN
        RAISE EXCEPTION 'Required check ''%'' failed', required_type USING ERRCODE = 'check_violation';
      ELSIF latest = 'skipped' THEN
        RAISE EXCEPTION 'Required check ''%'' was skipped - must pass before approval', required_type
          USING ERRCODE = 'check_violation';
      END IF;
    END LOOP;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER approval_request_rules BEFORE INSERT OR UPDATE ON approval_request
  FOR EACH ROW EXECUTE FUNCTION planning_approval_request_rules();
--> statement-breakpoint

-- A pull-request candidate's life: not_created → draft_open / open → merged or closed; closed
-- can reopen; merged is final; nothing returns to not_created.
CREATE FUNCTION planning_pull_request_candidate_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.status, NEW.status) NOT IN (
    ('not_created', 'draft_open'), ('not_created', 'open'), ('not_created', 'closed'),
    ('draft_open', 'open'), ('draft_open', 'closed'),
    ('open', 'draft_open'), ('open', 'merged'), ('open', 'closed'),
    ('closed', 'open'), ('closed', 'draft_open')
  ) THEN
    RAISE EXCEPTION 'Pull request candidate cannot move from % to %', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'status';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER pull_request_candidate_status BEFORE UPDATE OF status ON pull_request_candidate
  FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
  EXECUTE FUNCTION planning_pull_request_candidate_status();
