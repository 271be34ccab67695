-- Hand-written rules for the roadmap slice (seeds 000 and 003, SEMANTICS.md part 1): the system
-- rows audit triggers need, append-only audit tables, terminology keys, roadmap policy and
-- dependency triggers, version capture, and the roadmap, change-request and bug views.
-- Statements are separated by drizzle's breakpoint marker because PGlite runs one per query.

-- ---------------------------------------------------------------------------------------------
-- System rows and helpers
-- ---------------------------------------------------------------------------------------------

-- Seed 003's instance_config rows. instance_id: 32 random hex characters, made once per database.
INSERT INTO instance_config (key, value) VALUES
  ('instance_id', md5(gen_random_uuid()::text || clock_timestamp()::text)),
  ('instance_name', 'default'),
  ('protocol_version', '1'),
  ('federation_enabled', 'false'),
  ('federation_upstream_url', ''),
  ('federation_api_key', ''),
  ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
--> statement-breakpoint

-- Every audit row names the instance that wrote it (audit_log.instance_id is NOT NULL, so a
-- database without the instance_config row refuses audited changes, as the original does).
CREATE FUNCTION current_instance_id() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT value FROM instance_config WHERE key = 'instance_id'
$$;
--> statement-breakpoint

-- Append-only tables use reject_append_only_change(message) from 0001_portfolio_rules.

CREATE TRIGGER audit_log_immutable BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Audit log entries are immutable');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Audit log entries cannot be deleted');
--> statement-breakpoint
CREATE TRIGGER entity_versions_immutable BEFORE UPDATE ON entity_versions
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Entity version history is immutable');
--> statement-breakpoint
CREATE TRIGGER entity_versions_no_delete BEFORE DELETE ON entity_versions
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Entity version history cannot be deleted');
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Terminology and updated_at
-- ---------------------------------------------------------------------------------------------

-- Seed 003's additions to seed 000's domains: phase_f (after post_launch, as the original lists
-- it) and the roadmap item types. The plane and artifact domains are named without values.
INSERT INTO terminology (domain, internal_key, display_name, sort_order) VALUES
  ('roadmap_phase', 'phase_f', 'Phase F', 7),
  ('roadmap_item_type', 'work', 'Work', 1),
  ('roadmap_item_type', 'gate', 'Gate', 2),
  ('roadmap_item_type', 'holding', 'Holding', 3),
  ('roadmap_item_type', 'integration', 'Integration', 4);
--> statement-breakpoint

CREATE TRIGGER change_requests_terminology_keys BEFORE INSERT OR UPDATE ON change_requests
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('status_key', 'cr_status', 'type_key', 'cr_type');
--> statement-breakpoint
CREATE TRIGGER bugs_terminology_keys BEFORE INSERT OR UPDATE ON bugs
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('severity_key', 'bug_severity', 'status_key', 'bug_status');
--> statement-breakpoint
CREATE TRIGGER roadmap_items_terminology_keys BEFORE INSERT OR UPDATE ON roadmap_items
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('phase_key', 'roadmap_phase', 'status_key', 'roadmap_status');
--> statement-breakpoint
CREATE TRIGGER roadmap_phase_limits_terminology_keys BEFORE INSERT OR UPDATE ON roadmap_phase_limits
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('phase_key', 'roadmap_phase');
--> statement-breakpoint

CREATE TRIGGER change_requests_updated_at BEFORE UPDATE ON change_requests
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER bugs_updated_at BEFORE UPDATE ON bugs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER roadmap_items_updated_at BEFORE UPDATE ON roadmap_items
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER roadmap_phase_limits_updated_at BEFORE UPDATE ON roadmap_phase_limits
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER instance_config_updated_at BEFORE UPDATE ON instance_config
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Roadmap item policy (migrations 007, 008, 010 of the original)
-- ---------------------------------------------------------------------------------------------

-- A completed item's status may not change. Other columns (title, deleted_at) stay editable.
CREATE FUNCTION enforce_completed_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'POLICY: Completed items cannot be modified (% is completed)', OLD.id
    USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enforce_completed_immutable BEFORE UPDATE ON roadmap_items
  FOR EACH ROW WHEN (OLD.status_key = 'completed' AND NEW.status_key IS DISTINCT FROM 'completed')
  EXECUTE FUNCTION enforce_completed_immutable();
--> statement-breakpoint

-- At most N active (not completed, not deferred, live) items per phase of an organisation: N is
-- the organisation's roadmap_phase_limits row for the phase, else 50. An insert is checked
-- whatever the new row's status (as the original); a move into another phase is checked when
-- the moved item is itself active. The lock makes two concurrent inserts count each other.
CREATE FUNCTION enforce_phase_limit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  max_active integer;
  active integer;
BEGIN
  IF TG_OP = 'UPDATE' AND (
       NEW.phase_key IS NOT DISTINCT FROM OLD.phase_key
       OR NEW.deleted_at IS NOT NULL
       OR NEW.status_key IN ('completed', 'deferred')) THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(
    hashtextextended('gantry.roadmap_phase:' || NEW.organisation_id::text || ':' || NEW.phase_key, 0));
  SELECT coalesce(max(l.max_active_items), 50) INTO max_active
  FROM roadmap_phase_limits l
  WHERE l.organisation_id = NEW.organisation_id AND l.phase_key = NEW.phase_key;
  SELECT count(*) INTO active
  FROM (
    SELECT 1 FROM roadmap_items i
    WHERE i.organisation_id = NEW.organisation_id AND i.phase_key = NEW.phase_key
      AND i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
    LIMIT max_active
  ) counted;
  IF active >= max_active THEN
    RAISE EXCEPTION 'POLICY: Maximum % active items per phase (% is full)', max_active, NEW.phase_key
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enforce_phase_limit BEFORE INSERT OR UPDATE OF phase_key ON roadmap_items
  FOR EACH ROW EXECUTE FUNCTION enforce_phase_limit();
--> statement-breakpoint

-- An item may name the product it belongs to, the program, or both: a product fills in its
-- program, and a product of another program is refused, so that boards scoped by program agree.
CREATE FUNCTION roadmap_items_scope() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  product_program text;
BEGIN
  IF NEW.product_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT p.program_id INTO product_program
  FROM products p
  WHERE p.organisation_id = NEW.organisation_id AND p.id = NEW.product_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key refuses an unknown product
  END IF;
  IF NEW.program_id IS NULL THEN
    NEW.program_id := product_program;
  ELSIF NEW.program_id <> product_program THEN
    RAISE EXCEPTION 'ROADMAP: product % belongs to program %, not %', NEW.product_id, product_program, NEW.program_id
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_items_scope BEFORE INSERT OR UPDATE OF program_id, product_id ON roadmap_items
  FOR EACH ROW EXECUTE FUNCTION roadmap_items_scope();
--> statement-breakpoint

-- Starting work needs every `blocks` dependency completed (deleted or deferred ones still block;
-- soft and related edges never do).
CREATE FUNCTION roadmap_status_check_deps() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  unmet text;
BEGIN
  SELECT string_agg(d.depends_on_id, ', ' ORDER BY d.depends_on_id) INTO unmet
  FROM roadmap_dependencies d
  JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
  WHERE d.organisation_id = NEW.organisation_id AND d.item_id = NEW.id
    AND d.dependency_type = 'blocks' AND p.status_key <> 'completed';
  IF unmet IS NOT NULL THEN
    RAISE EXCEPTION 'Cannot start: blocking dependencies not complete (% waits for %)', NEW.id, unmet
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_status_check_deps BEFORE UPDATE OF status_key ON roadmap_items
  FOR EACH ROW WHEN (NEW.status_key = 'in_progress' AND OLD.status_key IS DISTINCT FROM 'in_progress')
  EXECUTE FUNCTION roadmap_status_check_deps();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- The dependency graph
-- ---------------------------------------------------------------------------------------------

-- The graph stays acyclic over edges of every type: the new edge item -> depends_on closes a
-- loop exactly when item is reachable from depends_on. Each item is visited once, with no depth
-- cap (the original stopped at 100).
--   1. Two searches meet in the middle, forward from depends_on (item -> depends_on) and
--      backward from item (depends_on -> item), always growing the smaller frontier: a side with
--      few items (a new item, a leaf, the top of a plan) settles it at once.
--   2. When both sides are large, a recursive walk continues from the smaller frontier until it
--      meets the other side or runs out (set-based, for the dense graphs of a large roadmap).
-- The search runs under a transaction-level lock on the organisation's graph, so two sessions
-- that each add half of a cycle are serialised: the second walks after the first commits, sees
-- its edge, and is refused. (That holds under READ COMMITTED, PostgreSQL's default; SERIALIZABLE
-- catches it by itself.) On UPDATE the edge being replaced is still in the table: no step uses it.
CREATE FUNCTION roadmap_dep_no_cycles() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  forward text[] := ARRAY[NEW.depends_on_id];
  backward text[] := ARRAY[NEW.item_id];
  forward_seen jsonb := jsonb_build_object(NEW.depends_on_id, true);
  backward_seen jsonb := jsonb_build_object(NEW.item_id, true);
  met boolean := NEW.item_id = NEW.depends_on_id;
  visited integer := 2;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.organisation_id = OLD.organisation_id
     AND NEW.item_id = OLD.item_id AND NEW.depends_on_id = OLD.depends_on_id THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('gantry.roadmap_graph:' || NEW.organisation_id::text, 0));
  WHILE NOT met AND cardinality(forward) > 0 AND cardinality(backward) > 0 AND visited <= 2000 LOOP
    IF cardinality(forward) <= cardinality(backward) THEN
      SELECT coalesce(array_agg(DISTINCT d.depends_on_id), '{}') INTO forward
      FROM roadmap_dependencies d
      WHERE d.organisation_id = NEW.organisation_id AND d.item_id = ANY (forward)
        AND NOT forward_seen ? d.depends_on_id
        AND (d.item_id, d.depends_on_id) IS DISTINCT FROM (OLD.item_id, OLD.depends_on_id);
      met := EXISTS (SELECT 1 FROM unnest(forward) AS x(id) WHERE backward_seen ? x.id);
      forward_seen := forward_seen || coalesce((SELECT jsonb_object_agg(x.id, true) FROM unnest(forward) AS x(id)), '{}');
      visited := visited + cardinality(forward);
    ELSE
      SELECT coalesce(array_agg(DISTINCT d.item_id), '{}') INTO backward
      FROM roadmap_dependencies d
      WHERE d.organisation_id = NEW.organisation_id AND d.depends_on_id = ANY (backward)
        AND NOT backward_seen ? d.item_id
        AND (d.item_id, d.depends_on_id) IS DISTINCT FROM (OLD.item_id, OLD.depends_on_id);
      met := EXISTS (SELECT 1 FROM unnest(backward) AS x(id) WHERE forward_seen ? x.id);
      backward_seen := backward_seen || coalesce((SELECT jsonb_object_agg(x.id, true) FROM unnest(backward) AS x(id)), '{}');
      visited := visited + cardinality(backward);
    END IF;
  END LOOP;
  -- Every path from depends_on to item leaves the explored part through a frontier item, so
  -- the walk may start at the smaller frontier and stop on reaching the other side.
  IF NOT met AND cardinality(forward) > 0 AND cardinality(backward) > 0 THEN
    IF cardinality(forward) <= cardinality(backward) THEN
      met := EXISTS (
        WITH RECURSIVE reach(id) AS (
          SELECT unnest(forward)
          UNION
          SELECT d.depends_on_id
          FROM reach
          JOIN roadmap_dependencies d ON d.organisation_id = NEW.organisation_id AND d.item_id = reach.id
          WHERE (d.item_id, d.depends_on_id) IS DISTINCT FROM (OLD.item_id, OLD.depends_on_id)
        )
        SELECT 1 FROM reach WHERE backward_seen ? reach.id);
    ELSE
      met := EXISTS (
        WITH RECURSIVE reach(id) AS (
          SELECT unnest(backward)
          UNION
          SELECT d.item_id
          FROM reach
          JOIN roadmap_dependencies d ON d.organisation_id = NEW.organisation_id AND d.depends_on_id = reach.id
          WHERE (d.item_id, d.depends_on_id) IS DISTINCT FROM (OLD.item_id, OLD.depends_on_id)
        )
        SELECT 1 FROM reach WHERE forward_seen ? reach.id);
    END IF;
  END IF;
  IF met THEN
    RAISE EXCEPTION 'Circular dependency detected: % -> % would close a loop', NEW.item_id, NEW.depends_on_id
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_dep_no_cycles BEFORE INSERT OR UPDATE OF organisation_id, item_id, depends_on_id
  ON roadmap_dependencies
  FOR EACH ROW EXECUTE FUNCTION roadmap_dep_no_cycles();
--> statement-breakpoint

-- Audit of the graph: the seed's insert row, and (Gantry) the same for changed and removed edges.
CREATE FUNCTION roadmap_dep_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  edge record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         old_value, new_value, instance_id)
  VALUES (
    edge.organisation_id,
    'roadmap_dependency',
    CASE WHEN TG_OP = 'INSERT' THEN coalesce(NEW.created_by, 'system') ELSE 'system' END,
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
CREATE TRIGGER roadmap_dep_audit_insert AFTER INSERT ON roadmap_dependencies
  FOR EACH ROW EXECUTE FUNCTION roadmap_dep_audit();
--> statement-breakpoint
CREATE TRIGGER roadmap_dep_audit_update AFTER UPDATE ON roadmap_dependencies
  FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION roadmap_dep_audit();
--> statement-breakpoint
CREATE TRIGGER roadmap_dep_audit_delete AFTER DELETE ON roadmap_dependencies
  FOR EACH ROW EXECUTE FUNCTION roadmap_dep_audit();
--> statement-breakpoint

-- The transitive prerequisites of one item through `blocks` edges: one row per prerequisite at
-- its shortest depth (1 = direct), with the first such path in text order ("A->B->C"). Deleted
-- items are left out and not walked through; the walk stops at depth 50. Breadth-first, each
-- item once, so a prerequisite reached by several paths is one row (the original repeated it).
CREATE FUNCTION roadmap_prerequisite_chain(p_organisation_id uuid, p_root_item_id text)
RETURNS TABLE (prereq_id text, prereq_title text, prereq_status text, depth integer, path text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  seen jsonb := jsonb_build_object(p_root_item_id, true);
  ids text[] := ARRAY[p_root_item_id];
  paths text[] := ARRAY[p_root_item_id];
  titles text[];
  statuses text[];
  lvl integer := 0;
BEGIN
  WHILE lvl < 50 LOOP
    lvl := lvl + 1;
    SELECT coalesce(array_agg(n.id ORDER BY n.id), '{}'), array_agg(n.item_path ORDER BY n.id),
           array_agg(n.title ORDER BY n.id), array_agg(n.status_key ORDER BY n.id)
      INTO ids, paths, titles, statuses
    FROM (
      SELECT DISTINCT ON (p.id) p.id, p.title, p.status_key, f.walked || '->' || p.id AS item_path
      FROM unnest(ids, paths) AS f(id, walked)
      JOIN roadmap_dependencies d
        ON d.organisation_id = p_organisation_id AND d.item_id = f.id AND d.dependency_type = 'blocks'
      JOIN roadmap_items p
        ON p.organisation_id = p_organisation_id AND p.id = d.depends_on_id AND p.deleted_at IS NULL
      WHERE NOT seen ? p.id
      ORDER BY p.id, f.walked
    ) n;
    EXIT WHEN cardinality(ids) = 0;
    RETURN QUERY SELECT u.id, u.title, u.status_key, lvl, u.item_path
      FROM unnest(ids, titles, statuses, paths) AS u(id, title, status_key, item_path);
    seen := seen || (SELECT jsonb_object_agg(x.id, true) FROM unnest(ids) AS x(id));
  END LOOP;
END;
$$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Assignments
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION roadmap_assignment_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         new_value, instance_id)
  VALUES (NEW.organisation_id, 'roadmap_assignment', coalesce(NEW.assigned_by, 'system'),
          'roadmap_assignment', NEW.item_id, 'assign',
          jsonb_build_object('item_id', NEW.item_id, 'agent_id', NEW.agent_id, 'role', NEW.role),
          current_instance_id());
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_assignment_audit AFTER INSERT ON roadmap_assignments
  FOR EACH ROW EXECUTE FUNCTION roadmap_assignment_audit();
--> statement-breakpoint

-- An assignment surfaces the prerequisites nobody works on: every open transitive prerequisite
-- without an `assigned` or `active` assignment gets one assignment_prerequisites row (at its
-- shortest depth), and one audit row lists them, nearest first.
CREATE FUNCTION roadmap_assignment_cascade() RETURNS trigger
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
    VALUES (NEW.organisation_id, 'assignment_cascade', coalesce(NEW.assigned_by, 'system'),
            'roadmap_assignment', NEW.item_id, 'cascade_detected',
            jsonb_build_object('assignment_id', NEW.id, 'item_id', NEW.item_id,
                               'agent_id', NEW.agent_id, 'unassigned_prereqs', unassigned),
            current_instance_id());
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_assignment_cascade AFTER INSERT ON roadmap_assignments
  FOR EACH ROW EXECUTE FUNCTION roadmap_assignment_cascade();
--> statement-breakpoint

-- Assigning an item resolves the open prerequisite rows that other assignments surfaced for it
-- (any role and status counts, as in the original).
CREATE FUNCTION roadmap_prereq_resolved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignment_prerequisites
  SET resolved_at = now()
  WHERE organisation_id = NEW.organisation_id AND prerequisite_item_id = NEW.item_id
    AND resolved_at IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER roadmap_prereq_resolved AFTER INSERT ON roadmap_assignments
  FOR EACH ROW EXECUTE FUNCTION roadmap_prereq_resolved();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Version capture (migration 005 of the original)
-- ---------------------------------------------------------------------------------------------

-- Appends an entity_versions row: version = 1 + the entity's latest. Arguments: entity_type, the
-- column naming who changed it ('' for always 'system'), then the snapshot's fields. The
-- triggers fire when any column other than updated_at changed (for roadmap items, other than
-- the lane order too), because set_updated_at bumps updated_at on every update: the original's
-- "updated_at changed" would fire always.
CREATE FUNCTION capture_entity_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_entity_type text := TG_ARGV[0];
  row_data jsonb := to_jsonb(NEW);
  snapshot jsonb := '{}';
  i integer := 2;
BEGIN
  WHILE i < TG_NARGS LOOP
    snapshot := snapshot || jsonb_build_object(TG_ARGV[i], row_data -> TG_ARGV[i]);
    i := i + 1;
  END LOOP;
  INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by)
  SELECT NEW.organisation_id, v_entity_type, NEW.id, coalesce(max(v.version), 0) + 1, snapshot,
         coalesce(row_data ->> TG_ARGV[1], 'system')
  FROM entity_versions v
  WHERE v.organisation_id = NEW.organisation_id AND v.entity_type = v_entity_type AND v.entity_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cr_version_capture AFTER UPDATE ON change_requests
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION capture_entity_version('cr', 'owner',
    'title', 'status_key', 'type_key', 'size', 'owner', 'product_id', 'feature_id', 'target_version');
--> statement-breakpoint
CREATE TRIGGER product_version_capture AFTER UPDATE ON products
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION capture_entity_version('product', '',
    'name', 'status_key', 'version', 'program_id');
--> statement-breakpoint
CREATE TRIGGER feature_version_capture AFTER UPDATE ON features
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION capture_entity_version('feature', '',
    'name', 'status_key', 'version', 'product_id');
--> statement-breakpoint
CREATE TRIGGER bug_version_capture AFTER UPDATE ON bugs
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION capture_entity_version('bug', 'assigned_to',
    'title', 'status_key', 'severity_key', 'feature_id', 'feature_version', 'fix_cr_id');
--> statement-breakpoint
-- Reordering within a lane (rank, sort_order) is not a change of the item: no version for it.
CREATE TRIGGER roadmap_version_capture AFTER UPDATE ON roadmap_items
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['updated_at', 'rank', 'sort_order'])
                     IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['updated_at', 'rank', 'sort_order']))
  EXECUTE FUNCTION capture_entity_version('roadmap_item', 'owner',
    'title', 'phase_key', 'status_key', 'owner', 'target_date');
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Views. Each carries organisation_id and joins on it: callers filter by organisation, and the
-- filter reaches the indexes (every join key starts with organisation_id).
-- ---------------------------------------------------------------------------------------------

-- Pending live items whose `blocks` dependencies are all completed (dependencies are not
-- filtered for deletion, as in the original).
CREATE VIEW v_ready_items AS
SELECT i.organisation_id, i.id, i.title, i.phase_key, i.owner, i.rank
FROM roadmap_items i
WHERE i.deleted_at IS NULL
  AND i.status_key = 'pending'
  AND NOT EXISTS (
    SELECT 1
    FROM roadmap_dependencies d
    JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
    WHERE d.organisation_id = i.organisation_id AND d.item_id = i.id
      AND d.dependency_type = 'blocks' AND p.status_key <> 'completed')
ORDER BY i.phase_key, i.rank;
--> statement-breakpoint

CREATE VIEW v_blocked_items AS
SELECT i.organisation_id, i.id, i.title, i.phase_key, i.status_key,
       count(*)::integer AS blocking_count,
       string_agg(d.depends_on_id, ', ' ORDER BY d.depends_on_id) AS blocking_items
FROM roadmap_items i
JOIN roadmap_dependencies d
  ON d.organisation_id = i.organisation_id AND d.item_id = i.id AND d.dependency_type = 'blocks'
JOIN roadmap_items p
  ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id AND p.status_key <> 'completed'
WHERE i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
GROUP BY i.organisation_id, i.id, i.title, i.phase_key, i.status_key;
--> statement-breakpoint

CREATE VIEW v_dependency_graph AS
SELECT d.organisation_id,
       f.id AS from_id, f.title AS from_title, f.status_key AS from_status,
       t.id AS to_id, t.title AS to_title, t.status_key AS to_status,
       d.dependency_type
FROM roadmap_dependencies d
JOIN roadmap_items f ON f.organisation_id = d.organisation_id AND f.id = d.item_id AND f.deleted_at IS NULL
JOIN roadmap_items t ON t.organisation_id = d.organisation_id AND t.id = d.depends_on_id AND t.deleted_at IS NULL;
--> statement-breakpoint

-- Through LATERAL, a filter on organisation_id and root_item_id selects the roots first, and
-- only their chains are walked.
CREATE VIEW v_prerequisite_chain AS
SELECT r.organisation_id, r.id AS root_item_id, c.prereq_id, c.prereq_title, c.prereq_status,
       c.depth, c.path, c.prereq_status = 'completed' AS is_complete
FROM roadmap_items r
CROSS JOIN LATERAL roadmap_prerequisite_chain(r.organisation_id, r.id) AS c
ORDER BY r.organisation_id, r.id, c.depth, c.prereq_id;
--> statement-breakpoint

CREATE VIEW v_assignment_with_prerequisites AS
SELECT a.organisation_id, a.id AS assignment_id, a.item_id, i.title AS item_title, a.agent_id,
       a.role, a.status AS assignment_status, i.status_key AS item_status,
       CASE
         WHEN i.status_key IN ('completed', 'in_progress') THEN 'already_active'
         WHEN unmet.ids IS NULL THEN 'ready'
         ELSE 'blocked'
       END AS readiness,
       (SELECT count(*)::integer
        FROM roadmap_prerequisite_chain(a.organisation_id, a.item_id) AS c
        WHERE c.prereq_status <> 'completed') AS unmet_prereq_count,
       array_to_string(unmet.ids, ', ') AS immediate_blockers,
       (SELECT string_agg(DISTINCT x.agent_id, ', ' ORDER BY x.agent_id)
        FROM roadmap_assignments x
        WHERE x.organisation_id = a.organisation_id AND x.item_id = ANY (unmet.ids)
          AND x.status IN ('assigned', 'active')) AS blocker_assignees
FROM roadmap_assignments a
JOIN roadmap_items i ON i.organisation_id = a.organisation_id AND i.id = a.item_id AND i.deleted_at IS NULL
-- The item's direct, unmet blocks dependencies (NULL when there are none).
CROSS JOIN LATERAL (
  SELECT array_agg(d.depends_on_id ORDER BY d.depends_on_id) AS ids
  FROM roadmap_dependencies d
  JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
  WHERE d.organisation_id = a.organisation_id AND d.item_id = a.item_id
    AND d.dependency_type = 'blocks' AND p.status_key <> 'completed'
) AS unmet;
--> statement-breakpoint

CREATE VIEW v_unassigned_prerequisites AS
SELECT ap.organisation_id, ap.prerequisite_item_id, p.title AS prereq_title, p.phase_key, p.status_key,
       count(DISTINCT ap.source_assignment_id)::integer AS blocking_count,
       string_agg(src.title, ', ' ORDER BY ap.source_assignment_id) AS blocks_items,
       min(ap.depth) AS min_depth
FROM assignment_prerequisites ap
JOIN roadmap_items p
  ON p.organisation_id = ap.organisation_id AND p.id = ap.prerequisite_item_id
 AND p.deleted_at IS NULL AND p.status_key <> 'completed'
JOIN roadmap_assignments a ON a.organisation_id = ap.organisation_id AND a.id = ap.source_assignment_id
JOIN roadmap_items src ON src.organisation_id = a.organisation_id AND src.id = a.item_id
WHERE ap.resolved_at IS NULL
GROUP BY ap.organisation_id, ap.prerequisite_item_id, p.title, p.phase_key, p.status_key
ORDER BY blocking_count DESC, min_depth ASC;
--> statement-breakpoint

CREATE VIEW v_next_rank AS
SELECT organisation_id, phase_key, coalesce(max(rank), 0) + 1.0::double precision AS next_rank
FROM roadmap_items
WHERE deleted_at IS NULL
GROUP BY organisation_id, phase_key;
--> statement-breakpoint

-- The seed's columns, then program_id, product_id and item_type so that boards can scope and
-- draw gates without another query.
CREATE VIEW v_roadmap_with_deps AS
SELECT i.organisation_id, i.id, i.phase_key, i.title, i.status_key, i.owner, i.rank, i.target_date,
       deps.blocking_dep_count, deps.unmet_dep_count, agents.active_agents,
       i.program_id, i.product_id, i.item_type
FROM roadmap_items i
CROSS JOIN LATERAL (
  SELECT count(*)::integer AS blocking_dep_count,
         (count(*) FILTER (WHERE p.status_key <> 'completed'))::integer AS unmet_dep_count
  FROM roadmap_dependencies d
  JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
  WHERE d.organisation_id = i.organisation_id AND d.item_id = i.id AND d.dependency_type = 'blocks'
) AS deps
CROSS JOIN LATERAL (
  SELECT string_agg(DISTINCT a.agent_id, ', ' ORDER BY a.agent_id) AS active_agents
  FROM roadmap_assignments a
  WHERE a.organisation_id = i.organisation_id AND a.item_id = i.id AND a.status = 'active'
) AS agents
WHERE i.deleted_at IS NULL
ORDER BY i.phase_key, i.rank;
--> statement-breakpoint

-- Counted per phase first (roadmap_items_phase_rank_live_idx covers the columns), then named.
CREATE VIEW v_roadmap_progress AS
SELECT c.organisation_id, c.phase_key, t.display_name AS phase, c.total_items, c.completed,
       c.in_progress, c.blocked,
       round(100.0 * c.completed / c.total_items, 1)::double precision AS pct_complete
FROM (
  SELECT i.organisation_id, i.phase_key, count(*)::integer AS total_items,
         (count(*) FILTER (WHERE i.status_key = 'completed'))::integer AS completed,
         (count(*) FILTER (WHERE i.status_key = 'in_progress'))::integer AS in_progress,
         (count(*) FILTER (WHERE i.status_key = 'blocked'))::integer AS blocked
  FROM roadmap_items i
  WHERE i.deleted_at IS NULL
  GROUP BY i.organisation_id, i.phase_key
) AS c
LEFT JOIN terminology t ON t.domain = 'roadmap_phase' AND t.internal_key = c.phase_key
ORDER BY c.organisation_id, t.sort_order, c.phase_key;
--> statement-breakpoint

-- Three kinds of missing prerequisite of a live, open item; a soft edge to an open gate gives
-- two rows (approval_required and dependency_incomplete), as in the original.
CREATE VIEW v_missing_prereqs AS
SELECT d.organisation_id, d.item_id, 'approval_required' AS prereq_type, p.id AS prereq_id,
       p.status_key AS prereq_status, p.title AS prereq_title, p.item_type AS prereq_item_type
FROM roadmap_dependencies d
JOIN roadmap_items i ON i.organisation_id = d.organisation_id AND i.id = d.item_id
 AND i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
 AND p.deleted_at IS NULL
WHERE p.item_type = 'gate' AND p.status_key <> 'completed'
UNION ALL
SELECT d.organisation_id, d.item_id, 'blocker_unresolved', p.id, p.status_key, p.title, p.item_type
FROM roadmap_dependencies d
JOIN roadmap_items i ON i.organisation_id = d.organisation_id AND i.id = d.item_id
 AND i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
 AND p.deleted_at IS NULL
WHERE d.dependency_type = 'blocks' AND p.item_type <> 'gate' AND p.status_key <> 'completed'
UNION ALL
SELECT d.organisation_id, d.item_id, 'dependency_incomplete', p.id, p.status_key, p.title, p.item_type
FROM roadmap_dependencies d
JOIN roadmap_items i ON i.organisation_id = d.organisation_id AND i.id = d.item_id
 AND i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
 AND p.deleted_at IS NULL
WHERE d.dependency_type = 'soft' AND p.status_key <> 'completed';
--> statement-breakpoint

CREATE VIEW v_open_crs AS
SELECT c.organisation_id, c.id, c.title, c.status_key, t.display_name AS status, c.size, c.owner,
       p.name AS product_name, f.name AS feature_name, c.target_version, c.created_at
FROM change_requests c
LEFT JOIN terminology t ON t.domain = 'cr_status' AND t.internal_key = c.status_key
LEFT JOIN products p ON p.organisation_id = c.organisation_id AND p.id = c.product_id
LEFT JOIN features f ON f.organisation_id = c.organisation_id AND f.id = c.feature_id
WHERE c.deleted_at IS NULL AND c.status_key <> 'done'
ORDER BY c.created_at DESC;
--> statement-breakpoint

CREATE VIEW v_bugs_by_version AS
SELECT b.organisation_id, b.id, b.title, f.name AS feature_name, b.feature_version,
       sev.display_name AS severity, st.display_name AS status, b.fix_cr_id, b.fixed_in_version,
       b.created_at
FROM bugs b
JOIN features f ON f.organisation_id = b.organisation_id AND f.id = b.feature_id
LEFT JOIN terminology sev ON sev.domain = 'bug_severity' AND sev.internal_key = b.severity_key
LEFT JOIN terminology st ON st.domain = 'bug_status' AND st.internal_key = b.status_key
WHERE b.deleted_at IS NULL
ORDER BY CASE b.severity_key WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END,
         b.created_at DESC;
--> statement-breakpoint

-- The status display comes from the product_status domain, as in the original.
CREATE VIEW v_programs_summary AS
SELECT g.organisation_id, g.id, g.name, ty.display_name AS type, st.display_name AS status, g.owner,
       (SELECT count(*)::integer FROM products p
        WHERE p.organisation_id = g.organisation_id AND p.program_id = g.id AND p.deleted_at IS NULL)
         AS product_count,
       g.created_at
FROM programs g
LEFT JOIN terminology ty ON ty.domain = 'program_type' AND ty.internal_key = g.type_key
LEFT JOIN terminology st ON st.domain = 'product_status' AND st.internal_key = g.status_key
WHERE g.deleted_at IS NULL;
