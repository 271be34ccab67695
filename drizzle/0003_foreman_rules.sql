-- Hand-written rules for seed 001, the Foreman office: updated_at, builder types, the progress
-- roll-up task → wave → program, wave dependencies, the evidence trail, and builders' last
-- heartbeat. Statements are separated by drizzle's breakpoint marker because PGlite runs one
-- statement per query.

-- Seed 001 6.1: updated_at on waves, tasks and builders (programs has its own already).
CREATE TRIGGER waves_updated_at BEFORE UPDATE ON waves
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER tasks_updated_at BEFORE UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER builders_updated_at BEFORE UPDATE ON builders
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- Seed 001 fixes five builder ids (ui-builder … qa-builder). Gantry lets an organisation run any
-- number of builders; the five kinds become the terminology domain builder_type, which an admin
-- can extend.
INSERT INTO terminology (domain, internal_key, display_name, sort_order) VALUES
  ('builder_type', 'ui', 'UI', 1),
  ('builder_type', 'api', 'API', 2),
  ('builder_type', 'schema', 'Schema', 3),
  ('builder_type', 'integration', 'Integration', 4),
  ('builder_type', 'qa', 'QA', 5);
--> statement-breakpoint
CREATE TRIGGER builders_terminology_keys BEFORE INSERT OR UPDATE ON builders
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('builder_type_key', 'builder_type');
--> statement-breakpoint

-- Progress roll-up (seed 001 6.2, and the program-level trigger it only mentions).
-- A wave's progress is the rounded average of its live tasks' progress; a program's is the
-- rounded average of its live waves' progress. A change that leaves the parent with no live
-- children sets it to 0 (the seed's AVG would be NULL, which the NOT NULL column refuses).
-- The parent row is locked before the average is read: each statement of a PL/pgSQL function
-- takes a fresh snapshot, so two transactions that change tasks of one wave at once end with
-- the average of both changes, not of whichever committed last.
CREATE FUNCTION refresh_wave_progress(org uuid, wave uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  average integer;
BEGIN
  PERFORM 1 FROM waves w WHERE w.organisation_id = org AND w.wave_id = wave FOR UPDATE;
  SELECT coalesce(round(avg(t.progress_percentage)), 0)::integer INTO average
    FROM tasks t
   WHERE t.organisation_id = org AND t.wave_id = wave AND t.deleted_at IS NULL;
  UPDATE waves w SET progress_percentage = average
   WHERE w.organisation_id = org AND w.wave_id = wave
     AND w.progress_percentage IS DISTINCT FROM average;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION refresh_program_progress(org uuid, program text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  average integer;
BEGIN
  PERFORM 1 FROM programs p WHERE p.organisation_id = org AND p.id = program FOR UPDATE;
  SELECT coalesce(round(avg(w.progress_percentage)), 0)::integer INTO average
    FROM waves w
   WHERE w.organisation_id = org AND w.program_id = program AND w.deleted_at IS NULL;
  UPDATE programs p SET progress_percentage = average
   WHERE p.organisation_id = org AND p.id = program
     AND p.progress_percentage IS DISTINCT FROM average;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION calculate_wave_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM refresh_wave_progress(NEW.organisation_id, NEW.wave_id);
  END IF;
  -- A deleted task, or one moved to another wave, also changes the wave it left.
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE'
     AND (OLD.organisation_id, OLD.wave_id) IS DISTINCT FROM (NEW.organisation_id, NEW.wave_id)) THEN
    PERFORM refresh_wave_progress(OLD.organisation_id, OLD.wave_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION calculate_program_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM refresh_program_progress(NEW.organisation_id, NEW.program_id);
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE'
     AND (OLD.organisation_id, OLD.program_id) IS DISTINCT FROM (NEW.organisation_id, NEW.program_id)) THEN
    PERFORM refresh_program_progress(OLD.organisation_id, OLD.program_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Seed 001's task_progress_updated (AFTER UPDATE OF progress_percentage), widened to every
-- change that can move the average: a new task, a state change, a soft or hard delete, a move.
CREATE TRIGGER tasks_progress_rollup
  AFTER INSERT OR DELETE OR UPDATE OF progress_percentage, state, deleted_at, wave_id, organisation_id ON tasks
  FOR EACH ROW EXECUTE FUNCTION calculate_wave_progress();
--> statement-breakpoint
CREATE TRIGGER waves_progress_rollup
  AFTER INSERT OR DELETE OR UPDATE OF progress_percentage, deleted_at, program_id, organisation_id ON waves
  FOR EACH ROW EXECUTE FUNCTION calculate_program_progress();
--> statement-breakpoint

-- Seed 001 keeps a wave's dependencies as a JSON array of wave_ids, which no foreign key can
-- check. This trigger does: every element is the id of another live wave of the same program
-- (and so of the same organisation). Checked when written; a dependency soft-deleted later stays.
CREATE FUNCTION check_wave_dependencies() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  dep jsonb;
  dep_id uuid;
BEGIN
  IF jsonb_typeof(NEW.dependencies) <> 'array' THEN
    RETURN NEW; -- waves_dependencies_is_array refuses it
  END IF;
  FOR dep IN SELECT value FROM jsonb_array_elements(NEW.dependencies) LOOP
    IF jsonb_typeof(dep) <> 'string'
       OR (dep #>> '{}') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
      RAISE EXCEPTION 'FOREMAN: Wave dependencies must be an array of wave_ids, not %', dep
        USING ERRCODE = 'check_violation', COLUMN = 'dependencies', TABLE = TG_TABLE_NAME;
    END IF;
    dep_id := (dep #>> '{}')::uuid;
    IF dep_id = NEW.wave_id THEN
      RAISE EXCEPTION 'FOREMAN: A wave cannot depend on itself'
        USING ERRCODE = 'check_violation', COLUMN = 'dependencies', TABLE = TG_TABLE_NAME;
    END IF;
    IF NOT EXISTS (
      SELECT 1 FROM waves w
       WHERE w.organisation_id = NEW.organisation_id AND w.wave_id = dep_id
         AND w.program_id = NEW.program_id AND w.deleted_at IS NULL
    ) THEN
      RAISE EXCEPTION 'FOREMAN: Wave dependency % is not a live wave of program %', dep_id, NEW.program_id
        USING ERRCODE = 'foreign_key_violation', COLUMN = 'dependencies', TABLE = TG_TABLE_NAME;
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER waves_dependencies_check
  BEFORE INSERT OR UPDATE OF dependencies, program_id, organisation_id ON waves
  FOR EACH ROW WHEN (NEW.dependencies <> '[]'::jsonb)
  EXECUTE FUNCTION check_wave_dependencies();
--> statement-breakpoint

-- Seed 001's polymorphic references (evidence_trail and blockers: entity_type, entity_id) have
-- no foreign key. This answers whether the entity exists in the organisation, live or
-- soft-deleted; program and builder ids are text, wave and task ids uuids.
CREATE FUNCTION foreman_entity_exists(org uuid, kind text, entity text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF kind IN ('wave', 'task')
     AND entity !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RETURN false;
  END IF;
  CASE kind
    WHEN 'program' THEN
      RETURN EXISTS (SELECT 1 FROM programs p WHERE p.organisation_id = org AND p.id = entity);
    WHEN 'wave' THEN
      RETURN EXISTS (SELECT 1 FROM waves w WHERE w.organisation_id = org AND w.wave_id = entity::uuid);
    WHEN 'task' THEN
      RETURN EXISTS (SELECT 1 FROM tasks t WHERE t.organisation_id = org AND t.task_id = entity::uuid);
    WHEN 'builder' THEN
      RETURN EXISTS (SELECT 1 FROM builders b WHERE b.organisation_id = org AND b.builder_id = entity);
    ELSE
      RETURN false;
  END CASE;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION check_evidence_trail_entity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.entity_type IN ('program', 'wave', 'task', 'builder')
     AND NOT foreman_entity_exists(NEW.organisation_id, NEW.entity_type, NEW.entity_id) THEN
    RAISE EXCEPTION 'FOREMAN: No % with id % in this organisation', NEW.entity_type, NEW.entity_id
      USING ERRCODE = 'foreign_key_violation', COLUMN = 'entity_id', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_trail_entity_exists BEFORE INSERT ON evidence_trail
  FOR EACH ROW EXECUTE FUNCTION check_evidence_trail_entity();
--> statement-breakpoint

-- The evidence trail is the office's receipt book: append-only, like seed 002's audit tables.
CREATE TRIGGER evidence_trail_no_update BEFORE UPDATE ON evidence_trail
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Evidence trail entries are immutable');
--> statement-breakpoint
CREATE TRIGGER evidence_trail_no_delete BEFORE DELETE ON evidence_trail
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Evidence trail entries cannot be deleted');
--> statement-breakpoint

-- builders.last_heartbeat (seed 001) is the newest heartbeat's time. Heartbeats carry the
-- history; this keeps the builder row's copy current so the builders panel reads one row per
-- builder. It never moves backwards, so a late, older heartbeat does not make a builder look stale.
CREATE FUNCTION touch_builder_heartbeat() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE builders b SET last_heartbeat = NEW."timestamp"
   WHERE b.organisation_id = NEW.organisation_id AND b.builder_id = NEW.builder_id
     AND b.last_heartbeat < NEW."timestamp";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER heartbeats_touch_builder AFTER INSERT ON heartbeats
  FOR EACH ROW EXECUTE FUNCTION touch_builder_heartbeat();
