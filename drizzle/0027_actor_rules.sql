-- Every change names who made it (issue 12, item 2). The action wrapper sets the transaction-local
-- gantry.actor ('user:<userId>' for a person, 'agent:<builderId>' for a builder's API token); the
-- rules below read it instead of an item's owner or a column the caller filled in. With no actor
-- set (migrations, the seed, the command line, the server's own timers) the written value stays,
-- and 'system' where nothing was written.

-- The transaction's actor when one is set, else the fallback, else 'system'.
CREATE FUNCTION acting_or(fallback text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(nullif(current_setting('gantry.actor', true), ''), fallback, 'system')
$$;
--> statement-breakpoint

-- BEFORE INSERT/UPDATE: the column named by the argument becomes the transaction's actor, when one
-- is set. A caller cannot write another name into a "who" column.
CREATE FUNCTION stamp_actor() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF nullif(current_setting('gantry.actor', true), '') IS NOT NULL THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], current_setting('gantry.actor', true)));
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Versions: the transaction's actor, never the item's owner (a manager's move of an item that
-- ben owns was recorded as ben's). The second argument (once the owner column) is ignored. The
-- first change of an entity first records the state it changed (version 1, 'system', with the
-- reason BASELINE), so that every change of its history reads old → new.
CREATE OR REPLACE FUNCTION capture_entity_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_entity_type text := TG_ARGV[0];
  new_data jsonb := to_jsonb(NEW);
  old_data jsonb := to_jsonb(OLD);
  snapshot jsonb := '{}';
  before jsonb := '{}';
  latest integer;
  i integer := 2;
BEGIN
  WHILE i < TG_NARGS LOOP
    snapshot := snapshot || jsonb_build_object(TG_ARGV[i], new_data -> TG_ARGV[i]);
    before := before || jsonb_build_object(TG_ARGV[i], old_data -> TG_ARGV[i]);
    i := i + 1;
  END LOOP;
  SELECT max(v.version) INTO latest
  FROM entity_versions v
  WHERE v.organisation_id = NEW.organisation_id AND v.entity_type = v_entity_type AND v.entity_id = NEW.id;
  IF latest IS NULL THEN
    INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by, change_reason)
    VALUES (NEW.organisation_id, v_entity_type, NEW.id, 1, before, 'system', 'state before the first recorded change');
    latest := 1;
  END IF;
  INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by)
  VALUES (NEW.organisation_id, v_entity_type, NEW.id, latest + 1, snapshot, current_actor());
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- The dependency graph's audit: who changed or removed an edge, not 'system'.
CREATE OR REPLACE FUNCTION roadmap_dep_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  edge record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         old_value, new_value, instance_id)
  VALUES (
    edge.organisation_id,
    'roadmap_dependency',
    CASE WHEN TG_OP = 'INSERT' THEN acting_or(NEW.created_by) ELSE current_actor() END,
    'roadmap_dependency',
    edge.item_id || '->' || edge.depends_on_id,
    CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
    CASE WHEN TG_OP <> 'INSERT' THEN jsonb_build_object(
      'item_id', OLD.item_id, 'depends_on_id', OLD.depends_on_id, 'type', OLD.dependency_type) END,
    CASE WHEN TG_OP <> 'DELETE' THEN jsonb_build_object(
      'item_id', NEW.item_id, 'depends_on_id', NEW.depends_on_id, 'type', NEW.dependency_type) END,
    current_instance_id()
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION roadmap_assignment_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         new_value, instance_id)
  VALUES (NEW.organisation_id, 'roadmap_assignment', acting_or(NEW.assigned_by),
          'roadmap_assignment', NEW.item_id, 'assign',
          jsonb_build_object('item_id', NEW.item_id, 'agent_id', NEW.agent_id, 'role', NEW.role),
          current_instance_id());
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION roadmap_assignment_cascade() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  unassigned text;
BEGIN
  WITH surfaced AS (
    INSERT INTO assignment_prerequisites (organisation_id, source_assignment_id, prerequisite_item_id, depth)
    SELECT NEW.organisation_id, NEW.id, c.prereq_id, c.depth
    FROM roadmap_prerequisite_chain(NEW.organisation_id, NEW.item_id) AS c
    WHERE c.prereq_status <> 'completed'
      AND NOT EXISTS (
        SELECT 1 FROM roadmap_assignments a
        WHERE a.organisation_id = NEW.organisation_id AND a.item_id = c.prereq_id
          AND a.status IN ('assigned', 'active'))
    RETURNING prerequisite_item_id, depth
  )
  SELECT string_agg(s.prerequisite_item_id, ', ' ORDER BY s.depth, s.prerequisite_item_id)
    INTO unassigned
  FROM surfaced s;
  IF unassigned IS NOT NULL THEN
    INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                           new_value, instance_id)
    VALUES (NEW.organisation_id, 'assignment_cascade', acting_or(NEW.assigned_by),
            'roadmap_assignment', NEW.item_id, 'cascade_detected',
            jsonb_build_object('assignment_id', NEW.id, 'item_id', NEW.item_id,
                               'agent_id', NEW.agent_id, 'unassigned_prereqs', unassigned),
            current_instance_id());
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Decisions are stamped with the actor (the column's default 'system' stays for the seed).
CREATE TRIGGER decisions_stamp_actor BEFORE INSERT ON decisions
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('decided_by');
--> statement-breakpoint

-- Plan events: the actor and its type ('user' for a person, 'agent' for a builder).
CREATE FUNCTION plan_events_stamp_actor() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF nullif(current_setting('gantry.actor', true), '') IS NOT NULL THEN
    NEW.actor := current_actor();
    NEW.actor_type := CASE split_part(NEW.actor, ':', 1) WHEN 'user' THEN 'user' WHEN 'agent' THEN 'agent' ELSE NEW.actor_type END;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_events_stamp_actor BEFORE INSERT ON plan_events
  FOR EACH ROW EXECUTE FUNCTION plan_events_stamp_actor();
--> statement-breakpoint

-- Every other "who" column that a caller's transaction writes.
CREATE TRIGGER audit_log_stamp_actor BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('actor');
--> statement-breakpoint
CREATE TRIGGER evidence_stamp_actor BEFORE INSERT ON evidence
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('created_by');
--> statement-breakpoint
CREATE TRIGGER evidence_trail_stamp_actor BEFORE INSERT ON evidence_trail
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('actor');
--> statement-breakpoint
CREATE TRIGGER blockers_stamp_creator BEFORE INSERT ON blockers
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('created_by');
--> statement-breakpoint
CREATE TRIGGER blockers_stamp_resolver BEFORE UPDATE OF resolved_at ON blockers
  FOR EACH ROW WHEN (OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL)
  EXECUTE FUNCTION stamp_actor('resolved_by');
--> statement-breakpoint
CREATE TRIGGER roadmap_dependencies_stamp_actor BEFORE INSERT ON roadmap_dependencies
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('created_by');
--> statement-breakpoint
CREATE TRIGGER roadmap_assignments_stamp_actor BEFORE INSERT ON roadmap_assignments
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('assigned_by');
--> statement-breakpoint

-- A password-reset link is re-checked when it is used (issue 12, item 4), not only when issued: the
-- member must still belong to the organisation that issued it, and to no other (an owner here must
-- not take over an account that has since come to work elsewhere). Runs inside the link's
-- organisation (gantry.organisation_id), where member_of_other_organisations answers.
CREATE FUNCTION password_resets_single_organisation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM memberships m
                 WHERE m.organisation_id = NEW.organisation_id AND m.user_id = NEW.user_id AND m.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'ACCESS: This member has left the organisation that issued the link' USING ERRCODE = 'check_violation';
  END IF;
  IF current_user_org_id() IS DISTINCT FROM NEW.organisation_id OR member_of_other_organisations(NEW.user_id) THEN
    RAISE EXCEPTION 'ACCESS: This account belongs to another organisation too; a reset link from one organisation no longer works'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER password_resets_single_organisation BEFORE UPDATE OF used_at ON password_resets
  FOR EACH ROW WHEN (OLD.used_at IS NULL AND NEW.used_at IS NOT NULL)
  EXECUTE FUNCTION password_resets_single_organisation();
--> statement-breakpoint

-- Evidence is an http(s) link, a path in the repository (no scheme), or urn:sha256:<hash> for
-- content Gantry keeps itself (the agent API's inline evidence, named by the SHA-256 Gantry
-- computed): a javascript:, data: or file: URI is refused (issue 12, item 7), whoever writes it.
ALTER TABLE evidence ADD CONSTRAINT evidence_uri_scheme
  CHECK (uri !~* '^[a-z][a-z0-9+.-]*:' OR uri ~* '^https?://[^/\s]' OR uri ~ '^urn:sha256:[0-9a-f]{64}$');
