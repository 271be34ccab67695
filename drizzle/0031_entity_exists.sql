-- One answer to "does this entity exist in the organisation?" for every polymorphic reference
-- (entity_type, entity_id) that no foreign key can cover: the Foreman evidence trail (program,
-- wave, task, builder) and the governance standard assignments and compliance results (program,
-- product, feature, release, cr). It replaces foreman_entity_exists (0003) and
-- governance_entity_exists (0005); change_requests exists in every migrated database now, so
-- the dynamic SQL that looked it up only if present is gone. Live or soft-deleted rows count.
-- NULL for a kind it does not know; each caller says which kinds it accepts.
CREATE FUNCTION entity_exists(org uuid, kind text, entity text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF kind IN ('wave', 'task')
     AND entity !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RETURN false;
  END IF;
  CASE kind
    WHEN 'program' THEN
      RETURN EXISTS (SELECT 1 FROM programs WHERE organisation_id = org AND id = entity);
    WHEN 'product' THEN
      RETURN EXISTS (SELECT 1 FROM products WHERE organisation_id = org AND id = entity);
    WHEN 'feature' THEN
      RETURN EXISTS (SELECT 1 FROM features WHERE organisation_id = org AND id = entity);
    WHEN 'release' THEN
      RETURN EXISTS (SELECT 1 FROM releases WHERE organisation_id = org AND id = entity);
    WHEN 'cr' THEN
      RETURN EXISTS (SELECT 1 FROM change_requests WHERE organisation_id = org AND id = entity);
    WHEN 'wave' THEN
      RETURN EXISTS (SELECT 1 FROM waves WHERE organisation_id = org AND wave_id = entity::uuid);
    WHEN 'task' THEN
      RETURN EXISTS (SELECT 1 FROM tasks WHERE organisation_id = org AND task_id = entity::uuid);
    WHEN 'builder' THEN
      RETURN EXISTS (SELECT 1 FROM builders WHERE organisation_id = org AND builder_id = entity);
    ELSE
      RETURN NULL;
  END CASE;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION check_evidence_trail_entity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.entity_type IN ('program', 'wave', 'task', 'builder')
     AND NOT entity_exists(NEW.organisation_id, NEW.entity_type, NEW.entity_id) THEN
    RAISE EXCEPTION 'FOREMAN: No % with id % in this organisation', NEW.entity_type, NEW.entity_id
      USING ERRCODE = 'foreign_key_violation', COLUMN = 'entity_id', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION governance_entity_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.entity_type IS NULL OR NEW.entity_type NOT IN ('program', 'product', 'feature', 'release', 'cr') THEN
    RAISE EXCEPTION 'GOVERNANCE: "%" is not an entity type (program, product, feature, release, cr)', NEW.entity_type
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'entity_type';
  END IF;
  IF NOT entity_exists(NEW.organisation_id, NEW.entity_type, NEW.entity_id) THEN
    RAISE EXCEPTION 'GOVERNANCE: % "%" does not exist in this organisation', NEW.entity_type, NEW.entity_id
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'entity_id';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP FUNCTION foreman_entity_exists(uuid, text, text);
--> statement-breakpoint
DROP FUNCTION governance_entity_exists(uuid, text, text);
