-- Soft delete of the plan (issue 15): the schema restricts, it never cascades. A foreign key only
-- guards a hard DELETE; a soft delete is an UPDATE of deleted_at, so these rules make it mean the
-- same: an item that live rows depend on cannot go to the Trash, and an item whose parent is in the
-- Trash cannot come back before its parent. Every delete and restore is written to the audit log
-- with the acting person or builder, and the version history of the kinds that keep one says
-- which versions were a creation, a delete or a restore.

-- "3 products, 1 wave": the non-zero counts of a list of (count, singular, plural), in words.
CREATE FUNCTION plan_count_words(counts int[], singulars text[], plurals text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(c || ' ' || CASE WHEN c = 1 THEN singulars[i] ELSE plurals[i] END, ', ' ORDER BY i)
  FROM generate_subscripts(counts, 1) AS i, LATERAL (SELECT counts[i] AS c) x
  WHERE c > 0
$$;
--> statement-breakpoint

-- BEFORE UPDATE OF deleted_at on the plan's tables. Deleting (NULL → a time) is refused while live
-- rows belong to or point at the item (dependency edges between change requests or roadmap items
-- are not such rows: the seeds let a prerequisite be deleted, and a deleted prerequisite still
-- blocks, SEMANTICS.md); restoring (a time → NULL) is refused while a parent is in the Trash.
-- SQLSTATE 23514 (check_violation): the app shows the message, without its "PLAN: " prefix.
CREATE FUNCTION plan_soft_delete_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  org uuid := NEW.organisation_id;
  row_data jsonb := to_jsonb(NEW);
  item_id text;
  noun text;
  words text;
  parent text;
BEGIN
  item_id := coalesce(row_data ->> 'id', row_data ->> 'wave_id', row_data ->> 'task_id');

  IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
    CASE TG_TABLE_NAME
    WHEN 'programs' THEN
      noun := 'program';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM products p WHERE p.organisation_id = org AND p.program_id = item_id AND p.deleted_at IS NULL),
        (SELECT count(*)::int FROM waves w WHERE w.organisation_id = org AND w.program_id = item_id AND w.deleted_at IS NULL),
        (SELECT count(*)::int FROM roadmap_items r WHERE r.organisation_id = org AND r.program_id = item_id AND r.deleted_at IS NULL)],
        ARRAY['product', 'wave', 'roadmap item'], ARRAY['products', 'waves', 'roadmap items']);
    WHEN 'products' THEN
      noun := 'product';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM features f WHERE f.organisation_id = org AND f.product_id = item_id AND f.deleted_at IS NULL),
        (SELECT count(*)::int FROM releases r WHERE r.organisation_id = org AND r.product_id = item_id AND r.deleted_at IS NULL),
        (SELECT count(*)::int FROM change_requests c WHERE c.organisation_id = org AND c.product_id = item_id AND c.deleted_at IS NULL),
        (SELECT count(*)::int FROM roadmap_items r WHERE r.organisation_id = org AND r.product_id = item_id AND r.deleted_at IS NULL)],
        ARRAY['feature', 'release', 'change request', 'roadmap item'], ARRAY['features', 'releases', 'change requests', 'roadmap items']);
    WHEN 'features' THEN
      noun := 'feature';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM bugs b WHERE b.organisation_id = org AND b.feature_id = item_id AND b.deleted_at IS NULL),
        (SELECT count(*)::int FROM change_requests c WHERE c.organisation_id = org AND c.feature_id = item_id AND c.deleted_at IS NULL),
        (SELECT count(*)::int FROM roadmap_items r WHERE r.organisation_id = org AND r.feature_id = item_id AND r.deleted_at IS NULL)],
        ARRAY['bug', 'change request', 'roadmap item'], ARRAY['bugs', 'change requests', 'roadmap items']);
    WHEN 'releases' THEN
      noun := 'release';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM claims c WHERE c.organisation_id = org AND c.release_id = item_id AND c.deleted_at IS NULL),
        (SELECT count(*)::int FROM deploy_gates g WHERE g.organisation_id = org AND g.release_id = item_id AND g.deleted_at IS NULL)],
        ARRAY['claim', 'deploy gate'], ARRAY['claims', 'deploy gates']);
    WHEN 'change_requests' THEN
      noun := 'change request';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM bugs b WHERE b.organisation_id = org AND b.fix_cr_id = item_id AND b.deleted_at IS NULL),
        (SELECT count(*)::int FROM roadmap_items r WHERE r.organisation_id = org AND r.cr_id = item_id AND r.deleted_at IS NULL)],
        ARRAY['bug it fixes', 'roadmap item'], ARRAY['bugs it fixes', 'roadmap items']);
    WHEN 'waves' THEN
      noun := 'wave';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM tasks t WHERE t.organisation_id = org AND t.wave_id = NEW.wave_id AND t.deleted_at IS NULL)],
        ARRAY['task'], ARRAY['tasks']);
    WHEN 'tasks' THEN
      noun := 'task';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM builders b WHERE b.organisation_id = org AND b.current_task_id = NEW.task_id AND b.deleted_at IS NULL)],
        ARRAY['builder working on it'], ARRAY['builders working on it']);
    WHEN 'standards' THEN
      noun := 'standard';
      words := plan_count_words(ARRAY[
        (SELECT count(*)::int FROM standard_assignments a WHERE a.organisation_id = org AND a.standard_id = item_id)],
        ARRAY['assignment'], ARRAY['assignments']);
    ELSE
      RETURN NEW;
    END CASE;
    IF words IS NOT NULL THEN
      RAISE EXCEPTION 'PLAN: The % % cannot be deleted while live rows depend on it: %. Delete or move them first.', noun, item_id, words
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
    CASE TG_TABLE_NAME
    WHEN 'products' THEN
      SELECT 'program ' || p.id INTO parent FROM programs p WHERE p.organisation_id = org AND p.id = NEW.program_id AND p.deleted_at IS NOT NULL;
    WHEN 'features' THEN
      SELECT 'product ' || p.id INTO parent FROM products p WHERE p.organisation_id = org AND p.id = NEW.product_id AND p.deleted_at IS NOT NULL;
    WHEN 'releases' THEN
      SELECT 'product ' || p.id INTO parent FROM products p WHERE p.organisation_id = org AND p.id = NEW.product_id AND p.deleted_at IS NOT NULL;
    WHEN 'change_requests' THEN
      SELECT coalesce(
        (SELECT 'product ' || p.id FROM products p WHERE p.organisation_id = org AND p.id = NEW.product_id AND p.deleted_at IS NOT NULL),
        (SELECT 'feature ' || f.id FROM features f WHERE f.organisation_id = org AND f.id = NEW.feature_id AND f.deleted_at IS NOT NULL)) INTO parent;
    WHEN 'bugs' THEN
      SELECT coalesce(
        (SELECT 'feature ' || f.id FROM features f WHERE f.organisation_id = org AND f.id = NEW.feature_id AND f.deleted_at IS NOT NULL),
        (SELECT 'change request ' || c.id FROM change_requests c WHERE c.organisation_id = org AND c.id = NEW.fix_cr_id AND c.deleted_at IS NOT NULL)) INTO parent;
    WHEN 'roadmap_items' THEN
      SELECT coalesce(
        (SELECT 'program ' || p.id FROM programs p WHERE p.organisation_id = org AND p.id = NEW.program_id AND p.deleted_at IS NOT NULL),
        (SELECT 'product ' || p.id FROM products p WHERE p.organisation_id = org AND p.id = NEW.product_id AND p.deleted_at IS NOT NULL),
        (SELECT 'feature ' || f.id FROM features f WHERE f.organisation_id = org AND f.id = NEW.feature_id AND f.deleted_at IS NOT NULL),
        (SELECT 'change request ' || c.id FROM change_requests c WHERE c.organisation_id = org AND c.id = NEW.cr_id AND c.deleted_at IS NOT NULL)) INTO parent;
    WHEN 'waves' THEN
      SELECT 'program ' || p.id INTO parent FROM programs p WHERE p.organisation_id = org AND p.id = NEW.program_id AND p.deleted_at IS NOT NULL;
    WHEN 'tasks' THEN
      SELECT 'wave ' || w.name INTO parent FROM waves w WHERE w.organisation_id = org AND w.wave_id = NEW.wave_id AND w.deleted_at IS NOT NULL;
    ELSE
      parent := NULL;
    END CASE;
    IF parent IS NOT NULL THEN
      RAISE EXCEPTION 'PLAN: It belongs to the %, which is in the Trash; restore that first.', parent
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- AFTER UPDATE OF deleted_at: the audit log records every delete and restore with who did it.
CREATE FUNCTION plan_soft_delete_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  item_id text := coalesce(to_jsonb(NEW) ->> 'id', to_jsonb(NEW) ->> 'wave_id', to_jsonb(NEW) ->> 'task_id');
  verb text := CASE WHEN NEW.deleted_at IS NULL THEN 'restore' ELSE 'delete' END;
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, old_value, new_value, instance_id)
  VALUES (NEW.organisation_id, 'plan.' || verb, current_actor(), TG_ARGV[0], item_id, verb,
          jsonb_build_object('deleted_at', OLD.deleted_at), jsonb_build_object('deleted_at', NEW.deleted_at), current_instance_id());
  RETURN NULL;
END;
$$;
--> statement-breakpoint

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('programs', 'program'), ('products', 'product'), ('features', 'feature'), ('releases', 'release'),
    ('change_requests', 'cr'), ('bugs', 'bug'), ('roadmap_items', 'roadmap_item'), ('waves', 'wave'),
    ('tasks', 'task'), ('standards', 'standard')) AS v(tbl, kind)
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF deleted_at ON %I FOR EACH ROW '
                   'WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) EXECUTE FUNCTION plan_soft_delete_rules()',
                   t.tbl || '_soft_delete_rules', t.tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF deleted_at ON %I FOR EACH ROW '
                   'WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) EXECUTE FUNCTION plan_soft_delete_audit(%L)',
                   t.tbl || '_soft_delete_audit', t.tbl, t.kind);
  END LOOP;
END;
$$;
--> statement-breakpoint

-- Versions: a delete or a restore says so (change_reason 'deleted' / 'restored'); otherwise as
-- migration actor_rules left it.
CREATE OR REPLACE FUNCTION capture_entity_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_entity_type text := TG_ARGV[0];
  new_data jsonb := to_jsonb(NEW);
  old_data jsonb := to_jsonb(OLD);
  snapshot jsonb := '{}';
  before jsonb := '{}';
  latest integer;
  reason text;
  i integer := 2;
BEGIN
  WHILE i < TG_NARGS LOOP
    snapshot := snapshot || jsonb_build_object(TG_ARGV[i], new_data -> TG_ARGV[i]);
    before := before || jsonb_build_object(TG_ARGV[i], old_data -> TG_ARGV[i]);
    i := i + 1;
  END LOOP;
  IF (old_data ->> 'deleted_at') IS NULL AND (new_data ->> 'deleted_at') IS NOT NULL THEN
    reason := 'deleted';
  ELSIF (old_data ->> 'deleted_at') IS NOT NULL AND (new_data ->> 'deleted_at') IS NULL THEN
    reason := 'restored';
  END IF;
  SELECT max(v.version) INTO latest
  FROM entity_versions v
  WHERE v.organisation_id = NEW.organisation_id AND v.entity_type = v_entity_type AND v.entity_id = NEW.id;
  IF latest IS NULL THEN
    INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by, change_reason)
    VALUES (NEW.organisation_id, v_entity_type, NEW.id, 1, before, 'system', 'state before the first recorded change');
    latest := 1;
  END IF;
  INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by, change_reason)
  VALUES (NEW.organisation_id, v_entity_type, NEW.id, latest + 1, snapshot, current_actor(), reason);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- AFTER INSERT, when a person or a builder creates the item (gantry.actor is set; the seed and
-- scripts are not recorded): version 1 is the creation, by its maker, with the recorded fields.
CREATE FUNCTION capture_entity_creation() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_data jsonb := to_jsonb(NEW);
  snapshot jsonb := '{}';
  i integer := 2;
BEGIN
  WHILE i < TG_NARGS LOOP
    snapshot := snapshot || jsonb_build_object(TG_ARGV[i], new_data -> TG_ARGV[i]);
    i := i + 1;
  END LOOP;
  INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by, change_reason)
  VALUES (NEW.organisation_id, TG_ARGV[0], NEW.id, 1, snapshot, current_actor(), 'created');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cr_creation_capture AFTER INSERT ON change_requests
  FOR EACH ROW WHEN (coalesce(current_setting('gantry.actor', true), '') <> '')
  EXECUTE FUNCTION capture_entity_creation('cr', '',
    'title', 'status_key', 'type_key', 'size', 'owner', 'product_id', 'feature_id', 'target_version');
--> statement-breakpoint
CREATE TRIGGER product_creation_capture AFTER INSERT ON products
  FOR EACH ROW WHEN (coalesce(current_setting('gantry.actor', true), '') <> '')
  EXECUTE FUNCTION capture_entity_creation('product', '', 'name', 'status_key', 'version', 'program_id');
--> statement-breakpoint
CREATE TRIGGER feature_creation_capture AFTER INSERT ON features
  FOR EACH ROW WHEN (coalesce(current_setting('gantry.actor', true), '') <> '')
  EXECUTE FUNCTION capture_entity_creation('feature', '', 'name', 'status_key', 'version', 'product_id');
--> statement-breakpoint
CREATE TRIGGER bug_creation_capture AFTER INSERT ON bugs
  FOR EACH ROW WHEN (coalesce(current_setting('gantry.actor', true), '') <> '')
  EXECUTE FUNCTION capture_entity_creation('bug', '',
    'title', 'status_key', 'severity_key', 'feature_id', 'feature_version', 'fix_cr_id');
--> statement-breakpoint
CREATE TRIGGER roadmap_creation_capture AFTER INSERT ON roadmap_items
  FOR EACH ROW WHEN (coalesce(current_setting('gantry.actor', true), '') <> '')
  EXECUTE FUNCTION capture_entity_creation('roadmap_item', '', 'title', 'phase_key', 'status_key', 'owner', 'target_date');
--> statement-breakpoint

-- Locks a parent row (FOR SHARE) and says whether it is live: true, false (in the Trash), or NULL
-- (no such row: the foreign key refuses that one, 23503).
CREATE FUNCTION plan_lock_parent(tbl text, id_column text, org uuid, parent_id text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  live boolean;
BEGIN
  IF parent_id IS NULL THEN
    RETURN true;
  END IF;
  EXECUTE format('SELECT deleted_at IS NULL FROM %I WHERE organisation_id = $1 AND %I::text = $2 FOR SHARE', tbl, id_column)
    INTO live USING org, parent_id;
  RETURN live;
END;
$$;
--> statement-breakpoint

-- BEFORE INSERT, or an update that moves a live row to another parent: no parent may be in the
-- Trash. The FOR SHARE lock matters: a soft delete is an UPDATE, which a foreign key's KEY SHARE
-- lock does not stop; with it, a concurrent delete of the parent waits for this transaction and
-- then counts this row (and refuses), or this waits for the delete and then refuses. A live row
-- never ends up under a deleted parent.
CREATE FUNCTION plan_parent_live() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb := to_jsonb(NEW);
  parents text[][];
  i integer;
BEGIN
  IF NEW.deleted_at IS NOT NULL THEN
    RETURN NEW;
  END IF;
  -- (table, id column, this row's column, noun)
  parents := CASE TG_TABLE_NAME
    WHEN 'products' THEN ARRAY[['programs', 'id', 'program_id', 'program']]
    WHEN 'features' THEN ARRAY[['products', 'id', 'product_id', 'product']]
    WHEN 'releases' THEN ARRAY[['products', 'id', 'product_id', 'product']]
    WHEN 'change_requests' THEN ARRAY[['products', 'id', 'product_id', 'product'], ['features', 'id', 'feature_id', 'feature']]
    WHEN 'bugs' THEN ARRAY[['features', 'id', 'feature_id', 'feature'], ['change_requests', 'id', 'fix_cr_id', 'change request']]
    WHEN 'roadmap_items' THEN ARRAY[['programs', 'id', 'program_id', 'program'], ['products', 'id', 'product_id', 'product'],
                                    ['features', 'id', 'feature_id', 'feature'], ['change_requests', 'id', 'cr_id', 'change request']]
    WHEN 'waves' THEN ARRAY[['programs', 'id', 'program_id', 'program']]
    WHEN 'tasks' THEN ARRAY[['waves', 'wave_id', 'wave_id', 'wave']]
  END;
  FOR i IN 1 .. coalesce(array_length(parents, 1), 0) LOOP
    IF plan_lock_parent(parents[i][1], parents[i][2], NEW.organisation_id, row_data ->> parents[i][3]) IS FALSE THEN
      RAISE EXCEPTION 'PLAN: The % % is in the Trash; restore it first, or choose another.', parents[i][4], row_data ->> parents[i][3]
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER products_parent_live BEFORE INSERT OR UPDATE OF program_id ON products FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER features_parent_live BEFORE INSERT OR UPDATE OF product_id ON features FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER releases_parent_live BEFORE INSERT OR UPDATE OF product_id ON releases FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER change_requests_parent_live BEFORE INSERT OR UPDATE OF product_id, feature_id ON change_requests FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER bugs_parent_live BEFORE INSERT OR UPDATE OF feature_id, fix_cr_id ON bugs FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER roadmap_items_parent_live BEFORE INSERT OR UPDATE OF program_id, product_id, feature_id, cr_id ON roadmap_items FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER waves_parent_live BEFORE INSERT OR UPDATE OF program_id ON waves FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
--> statement-breakpoint
CREATE TRIGGER tasks_parent_live BEFORE INSERT OR UPDATE OF wave_id ON tasks FOR EACH ROW EXECUTE FUNCTION plan_parent_live();
