-- Hand-written rules for the coordination kernel (seed 003, SEMANTICS.md 1.1): append-only logs,
-- the claim rules on attempts, blocker resolution, lease conflicts, and the links that keep an
-- attempt, a blocker and a decision on the same work. Refusals raise SQLSTATE 23514 with
-- SEMANTICS.md's text at the start of the message. Triggers on one table and event fire in
-- alphabetical order, which gives the order SEMANTICS.md states. Statements are separated by
-- drizzle's breakpoint marker because PGlite runs one statement per query.

-- ---------------------------------------------------------------------------------------------
-- Append-only tables (reject_append_only_change comes from 0001_portfolio_rules)
-- ---------------------------------------------------------------------------------------------

CREATE TRIGGER compiled_contracts_no_update BEFORE UPDATE ON compiled_contracts
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Compiled contracts are immutable');
--> statement-breakpoint
CREATE TRIGGER compiled_contracts_no_delete BEFORE DELETE ON compiled_contracts
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Compiled contracts cannot be deleted');
--> statement-breakpoint
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change(
    'KERNEL: Decision records are immutable. Create a new decision with supersedes_decision_id instead.');
--> statement-breakpoint
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Decision records cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change(
    'KERNEL: Evidence records are immutable. Create new evidence instead.');
--> statement-breakpoint
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Evidence records cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER kernel_decisions_no_update BEFORE UPDATE ON kernel_decisions
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change(
    'KERNEL: Decision records are immutable. Create a new decision with supersedes_decision_id instead.');
--> statement-breakpoint
CREATE TRIGGER kernel_decisions_no_delete BEFORE DELETE ON kernel_decisions
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Decision records cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER kernel_evidence_no_update BEFORE UPDATE ON kernel_evidence
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change(
    'KERNEL: Evidence records are immutable. Create new evidence instead.');
--> statement-breakpoint
CREATE TRIGGER kernel_evidence_no_delete BEFORE DELETE ON kernel_evidence
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Evidence records cannot be deleted.');
--> statement-breakpoint
CREATE TRIGGER kernel_outcomes_no_update BEFORE UPDATE ON kernel_outcomes
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Outcome records are immutable.');
--> statement-breakpoint
CREATE TRIGGER kernel_outcomes_no_delete BEFORE DELETE ON kernel_outcomes
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('KERNEL: Outcome records cannot be deleted.');
--> statement-breakpoint

CREATE TRIGGER blockers_updated_at BEFORE UPDATE ON blockers
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER coordination_leases_updated_at BEFORE UPDATE ON coordination_leases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- One work item per attempt chain
-- ---------------------------------------------------------------------------------------------

-- Evidence, decisions and blockers that name an attempt are about that attempt's work: their
-- foreign key to attempts is (organisation_id, work_id, attempt_id). A row that names only the
-- attempt gets its work filled in; one that names another work is refused.
CREATE FUNCTION kernel_attempt_work() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  attempt_work text;
BEGIN
  IF NEW.attempt_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT a.work_id INTO attempt_work
    FROM attempts a
   WHERE a.organisation_id = NEW.organisation_id AND a.id = NEW.attempt_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key names the missing attempt
  END IF;
  IF NEW.work_id IS NULL THEN
    NEW.work_id := attempt_work;
  ELSIF NEW.work_id <> attempt_work THEN
    RAISE EXCEPTION 'KERNEL: Attempt % belongs to work %, not %', NEW.attempt_id, attempt_work, NEW.work_id
      USING ERRCODE = 'check_violation', COLUMN = 'work_id', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_attempt_work BEFORE INSERT ON evidence
  FOR EACH ROW EXECUTE FUNCTION kernel_attempt_work();
--> statement-breakpoint
CREATE TRIGGER decisions_attempt_work BEFORE INSERT ON decisions
  FOR EACH ROW EXECUTE FUNCTION kernel_attempt_work();
--> statement-breakpoint
CREATE TRIGGER blockers_attempt_work BEFORE INSERT OR UPDATE OF attempt_id, work_id ON blockers
  FOR EACH ROW EXECUTE FUNCTION kernel_attempt_work();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Attempts (migration 016). On INSERT the three checks fire alphabetically: a handoff without
-- a reason is refused first, then a blocked item, then a second claim.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION attempts_handoff_requires_reason() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Whitespace counts as a reason, as in the original; only NULL and '' are refused.
  IF NEW.handoff_reason IS NULL OR NEW.handoff_reason = '' THEN
    RAISE EXCEPTION 'KERNEL: Handoff requires explanation in handoff_reason field'
      USING ERRCODE = 'check_violation', COLUMN = 'handoff_reason', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attempts_handoff_requires_reason BEFORE INSERT ON attempts
  FOR EACH ROW WHEN (NEW.handoff_from_attempt_id IS NOT NULL)
  EXECUTE FUNCTION attempts_handoff_requires_reason();
--> statement-breakpoint

-- Any unresolved blocker on the item stops a claim, whatever its severity.
CREATE FUNCTION attempts_no_claim_blocked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM blockers b
     WHERE b.organisation_id = NEW.organisation_id AND b.work_id = NEW.work_id
       AND b.resolved_at IS NULL
  ) THEN
    RAISE EXCEPTION 'KERNEL: Work has unresolved blockers. Resolve blockers before claiming.'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attempts_no_claim_blocked BEFORE INSERT ON attempts
  FOR EACH ROW EXECUTE FUNCTION attempts_no_claim_blocked();
--> statement-breakpoint

-- One open attempt (ended_at NULL) per item, whatever its outcome: a handoff too waits until
-- the attempt it takes over has ended. Locking the item's row makes two sessions that claim it
-- at once take turns, so the second sees the first's attempt and gets this message (a row lock,
-- not an advisory lock, so that claiming thousands of items in one transaction does not fill
-- the lock table; editing the item waits for the claiming transaction to end). The unique index
-- attempts_open_work_key backs the rule under any isolation level. Also checked when an update
-- reopens an attempt or moves it to another item (the original checked inserts only).
CREATE FUNCTION attempts_no_double_claim() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM roadmap_items i
   WHERE i.organisation_id = NEW.organisation_id AND i.id = NEW.work_id
     FOR NO KEY UPDATE;
  IF EXISTS (
    SELECT 1 FROM attempts a
     WHERE a.organisation_id = NEW.organisation_id AND a.work_id = NEW.work_id
       AND a.ended_at IS NULL AND a.id <> NEW.id
  ) THEN
    RAISE EXCEPTION 'KERNEL: Work already has active attempt. Use handoff instead of new claim.'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attempts_no_double_claim
  BEFORE INSERT OR UPDATE OF organisation_id, work_id, ended_at ON attempts
  FOR EACH ROW WHEN (NEW.ended_at IS NULL)
  EXECUTE FUNCTION attempts_no_double_claim();
--> statement-breakpoint

-- NULL → completed needs evidence recorded against this attempt (evidence of the item alone
-- does not count). Other changes to completed (failed → completed) are not checked, as the
-- original.
CREATE FUNCTION attempts_completion_requires_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM evidence e
     WHERE e.organisation_id = NEW.organisation_id AND e.attempt_id = NEW.id
  ) THEN
    RAISE EXCEPTION 'KERNEL: Cannot mark attempt completed without evidence. Use record_evidence() first.'
      USING ERRCODE = 'check_violation', COLUMN = 'outcome', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attempts_completion_requires_evidence BEFORE UPDATE OF outcome ON attempts
  FOR EACH ROW WHEN (NEW.outcome = 'completed' AND OLD.outcome IS NULL)
  EXECUTE FUNCTION attempts_completion_requires_evidence();
--> statement-breakpoint

-- NULL → blocked needs an unresolved blocker on this attempt.
CREATE FUNCTION attempts_blocked_requires_blocker() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM blockers b
     WHERE b.organisation_id = NEW.organisation_id AND b.attempt_id = NEW.id
       AND b.resolved_at IS NULL
  ) THEN
    RAISE EXCEPTION 'KERNEL: Cannot mark attempt blocked without blocker record. Use create_blocker() first.'
      USING ERRCODE = 'check_violation', COLUMN = 'outcome', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER attempts_blocked_requires_blocker BEFORE UPDATE OF outcome ON attempts
  FOR EACH ROW WHEN (NEW.outcome = 'blocked' AND OLD.outcome IS NULL)
  EXECUTE FUNCTION attempts_blocked_requires_blocker();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Blockers: one table for kernel blockers (work item, attempt) and Foreman blockers (program,
-- wave, task)
-- ---------------------------------------------------------------------------------------------

-- A task's blocker also sits on its wave, and a wave's on its program, so a wave or program
-- page finds every blocker below it with one index. Given ids that disagree are refused.
CREATE FUNCTION blockers_foreman_scope() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  task_wave uuid;
  wave_program text;
BEGIN
  IF NEW.task_id IS NOT NULL THEN
    SELECT t.wave_id INTO task_wave
      FROM tasks t WHERE t.organisation_id = NEW.organisation_id AND t.task_id = NEW.task_id;
    IF FOUND THEN
      IF NEW.wave_id IS NULL THEN
        NEW.wave_id := task_wave;
      ELSIF NEW.wave_id <> task_wave THEN
        RAISE EXCEPTION 'FOREMAN: Task % belongs to wave %, not %', NEW.task_id, task_wave, NEW.wave_id
          USING ERRCODE = 'check_violation', COLUMN = 'wave_id', TABLE = TG_TABLE_NAME;
      END IF;
    END IF;
  END IF;
  IF NEW.wave_id IS NOT NULL THEN
    SELECT w.program_id INTO wave_program
      FROM waves w WHERE w.organisation_id = NEW.organisation_id AND w.wave_id = NEW.wave_id;
    IF FOUND THEN
      IF NEW.program_id IS NULL THEN
        NEW.program_id := wave_program;
      ELSIF NEW.program_id <> wave_program THEN
        RAISE EXCEPTION 'FOREMAN: Wave % belongs to program %, not %', NEW.wave_id, wave_program, NEW.program_id
          USING ERRCODE = 'check_violation', COLUMN = 'program_id', TABLE = TG_TABLE_NAME;
      END IF;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER blockers_foreman_scope BEFORE INSERT OR UPDATE OF program_id, wave_id, task_id ON blockers
  FOR EACH ROW EXECUTE FUNCTION blockers_foreman_scope();
--> statement-breakpoint

-- Resolution is one-way: once resolved_at is set, neither it nor resolved_by, resolution or
-- (Gantry's addition, the Foreman action) resolution_action change again, not even to the same
-- value. Other columns (title, escalation) still may.
CREATE FUNCTION blockers_resolution_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'KERNEL: Blocker resolution is immutable'
    USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER blockers_resolution_immutable
  BEFORE UPDATE OF resolved_at, resolved_by, resolution, resolution_action ON blockers
  FOR EACH ROW WHEN (OLD.resolved_at IS NOT NULL)
  EXECUTE FUNCTION blockers_resolution_immutable();
--> statement-breakpoint

-- Resolving (resolved_at NULL → set) needs, in this order:
--   1. an explanation in `resolution` (not NULL, not '');
--   2. for a blocker on a program, wave or task: the Foreman dialog's action (resolution_action)
--      and notes (`resolution`) of at least 10 characters, spaces at the ends not counted;
--   3. a justification recorded strictly after the blocker was created: evidence of its work
--      item, a waiver decision on its work item, a waiver decision naming this blocker, or an
--      evidence_trail entry on its Foreman entity (entity_type, entity_id: the task, else the
--      wave, else the program). Whichever of its targets the blocker has, one of these counts.
-- A blocker inserted already resolved is not checked (the original covers updates only).
CREATE FUNCTION blockers_resolution_requires_justification() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.resolution IS NULL OR NEW.resolution = '' THEN
    RAISE EXCEPTION 'KERNEL: Blocker resolution requires explanation in resolution field'
      USING ERRCODE = 'check_violation', COLUMN = 'resolution', TABLE = TG_TABLE_NAME;
  END IF;
  IF num_nonnulls(NEW.program_id, NEW.wave_id, NEW.task_id) > 0
     AND (coalesce(btrim(NEW.resolution_action), '') = '' OR char_length(btrim(NEW.resolution)) < 10) THEN
    RAISE EXCEPTION 'FOREMAN: Blocker resolution needs an action and notes of at least 10 characters'
      USING ERRCODE = 'check_violation', COLUMN = 'resolution', TABLE = TG_TABLE_NAME;
  END IF;
  IF NOT (
    (OLD.work_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM evidence e
       WHERE e.organisation_id = OLD.organisation_id AND e.work_id = OLD.work_id
         AND e.created_at > OLD.created_at))
    OR (OLD.work_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM decisions d
       WHERE d.organisation_id = OLD.organisation_id AND d.work_id = OLD.work_id
         AND d.decision_type = 'waiver' AND d.decided_at > OLD.created_at))
    OR EXISTS (
      SELECT 1 FROM decisions d
       WHERE d.organisation_id = OLD.organisation_id AND d.blocker_id = OLD.id
         AND d.decision_type = 'waiver' AND d.decided_at > OLD.created_at)
    OR (OLD.entity_type IS NOT NULL AND EXISTS (
      SELECT 1 FROM evidence_trail et
       WHERE et.organisation_id = OLD.organisation_id
         AND et.entity_type = OLD.entity_type AND et.entity_id = OLD.entity_id
         AND et."timestamp" > OLD.created_at))
  ) THEN
    RAISE EXCEPTION 'KERNEL: Blocker resolution requires evidence or waiver decision'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER blockers_resolution_requires_justification BEFORE UPDATE OF resolved_at ON blockers
  FOR EACH ROW WHEN (OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL)
  EXECUTE FUNCTION blockers_resolution_requires_justification();
--> statement-breakpoint

-- An open blocker goes away by being resolved, with its justification; it is never deleted.
-- (Soft deletes are refused by the CHECK blockers_deleted_when_resolved.)
CREATE FUNCTION blockers_delete_requires_resolution() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'KERNEL: An unresolved blocker cannot be deleted. Resolve it first.'
    USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER blockers_delete_requires_resolution BEFORE DELETE ON blockers
  FOR EACH ROW WHEN (OLD.resolved_at IS NULL)
  EXECUTE FUNCTION blockers_delete_requires_resolution();
--> statement-breakpoint

-- Escalating a blocker is a decision (type escalation, naming the blocker; authority = whom it
-- goes to). The blocker keeps the latest escalation so the blocker desk reads one table.
CREATE FUNCTION decisions_escalate_blocker() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE blockers b SET escalated_at = NEW.decided_at, escalated_to = NEW.authority
   WHERE b.organisation_id = NEW.organisation_id AND b.id = NEW.blocker_id AND b.resolved_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'KERNEL: Blocker % is resolved; it cannot be escalated', NEW.blocker_id
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER decisions_escalate_blocker AFTER INSERT ON decisions
  FOR EACH ROW WHEN (NEW.decision_type = 'escalation' AND NEW.blocker_id IS NOT NULL)
  EXECUTE FUNCTION decisions_escalate_blocker();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Leases (migration 019). A lease is active while released_at IS NULL AND expires_at > now().
-- The original's index predicate `expires_at > datetime('now')` cannot be indexed (now() is not
-- immutable); leases_active_idx covers unreleased leases and the triggers compare the clock.
-- Each check of a lease that is itself active first takes the resource's lock, so an exclusive
-- lease and any other lease acquired at once take turns and the second sees the first's lease.
-- (A lease inserted already released or expired cannot conflict later and takes no lock, so
-- importing lease history does not fill the lock table.) On INSERT, leases_any_check fires before
-- leases_write_check, so a write lease against an exclusive one gets the any-lease message.
-- ---------------------------------------------------------------------------------------------

-- Read and write leases only conflict with exclusive ones, so they take the resource's lock
-- shared (two writers do not wait for each other); an exclusive lease takes it alone.
CREATE FUNCTION lock_lease_resource(lease leases, alone boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lock_key bigint := hashtextextended(
    'gantry.lease:' || lease.organisation_id::text || ':' || lease.resource_type || ':' || lease.resource_id, 0);
BEGIN
  IF lease.released_at IS NOT NULL OR lease.expires_at <= now() THEN
    RETURN;
  END IF;
  IF alone THEN
    PERFORM pg_advisory_xact_lock(lock_key);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(lock_key);
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION leases_exclusive_active(org uuid, kind text, resource text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM leases l
     WHERE l.organisation_id = org AND l.resource_type = kind AND l.resource_id = resource
       AND l.mode = 'exclusive' AND l.released_at IS NULL AND l.expires_at > now())
$$;
--> statement-breakpoint
CREATE FUNCTION leases_any_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_lease_resource(NEW, false);
  IF leases_exclusive_active(NEW.organisation_id, NEW.resource_type, NEW.resource_id) THEN
    RAISE EXCEPTION 'KERNEL: Cannot acquire lease - exclusive lease active on resource'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER leases_any_check BEFORE INSERT ON leases
  FOR EACH ROW WHEN (NEW.mode IN ('read', 'write'))
  EXECUTE FUNCTION leases_any_check();
--> statement-breakpoint
CREATE FUNCTION leases_exclusive_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_lease_resource(NEW, true);
  IF EXISTS (
    SELECT 1 FROM leases l
     WHERE l.organisation_id = NEW.organisation_id
       AND l.resource_type = NEW.resource_type AND l.resource_id = NEW.resource_id
       AND l.released_at IS NULL AND l.expires_at > now()
  ) THEN
    RAISE EXCEPTION 'KERNEL: Cannot acquire exclusive lease - resource has active leases'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER leases_exclusive_check BEFORE INSERT ON leases
  FOR EACH ROW WHEN (NEW.mode = 'exclusive')
  EXECUTE FUNCTION leases_exclusive_check();
--> statement-breakpoint
CREATE FUNCTION leases_write_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_lease_resource(NEW, false);
  IF leases_exclusive_active(NEW.organisation_id, NEW.resource_type, NEW.resource_id) THEN
    RAISE EXCEPTION 'KERNEL: Cannot acquire write lease - exclusive lease active'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER leases_write_check BEFORE INSERT ON leases
  FOR EACH ROW WHEN (NEW.mode = 'write')
  EXECUTE FUNCTION leases_write_check();
