-- Hand-written rules for the portfolio slice: updated_at maintenance, terminology keys, and
-- seed 000's terminology domains. Statements are separated by drizzle's breakpoint marker
-- because PGlite runs one statement per query.

-- Seed 001's *_updated_at triggers, generalised: any table with updated_at keeps it current.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Seed 002 keeps status and type keys as text that points at terminology(domain, internal_key)
-- and validates them in the application. Gantry enforces them in the database as well.
-- Arguments come in pairs: column name, terminology domain.
CREATE FUNCTION enforce_terminology_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_row jsonb := to_jsonb(NEW);
  old_row jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ELSE NULL END;
  col text;
  dom text;
  val text;
  i int := 0;
BEGIN
  WHILE i < TG_NARGS LOOP
    col := TG_ARGV[i];
    dom := TG_ARGV[i + 1];
    val := new_row ->> col;
    IF val IS NOT NULL
       AND (old_row IS NULL OR val IS DISTINCT FROM old_row ->> col)
       AND NOT EXISTS (
         SELECT 1 FROM terminology t
         WHERE t.domain = dom AND t.internal_key = val AND t.deleted_at IS NULL
       ) THEN
      RAISE EXCEPTION 'TERMINOLOGY: "%" is not a key of domain %', val, dom
        USING ERRCODE = 'check_violation', COLUMN = col, TABLE = TG_TABLE_NAME;
    END IF;
    i := i + 2;
  END LOOP;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Append-only tables (seed 002): every UPDATE or DELETE is refused with the message given as
-- the trigger's argument.
CREATE FUNCTION reject_append_only_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER organisations_updated_at BEFORE UPDATE ON organisations
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER terminology_updated_at BEFORE UPDATE ON terminology
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER programs_updated_at BEFORE UPDATE ON programs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER products_updated_at BEFORE UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER features_updated_at BEFORE UPDATE ON features
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER releases_updated_at BEFORE UPDATE ON releases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

CREATE TRIGGER programs_terminology_keys BEFORE INSERT OR UPDATE ON programs
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('type_key', 'program_type', 'status_key', 'product_status');
--> statement-breakpoint
CREATE TRIGGER products_terminology_keys BEFORE INSERT OR UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('status_key', 'product_status');
--> statement-breakpoint
CREATE TRIGGER features_terminology_keys BEFORE INSERT OR UPDATE ON features
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('status_key', 'feature_status');
--> statement-breakpoint
CREATE TRIGGER releases_terminology_keys BEFORE INSERT OR UPDATE ON releases
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('type_key', 'release_type', 'status_key', 'release_status');
--> statement-breakpoint

-- Seed 000's terminology domains, in their stated order.
INSERT INTO terminology (domain, internal_key, display_name, sort_order) VALUES
  ('program_type', 'software', 'Software', 1),
  ('program_type', 'content', 'Content', 2),
  ('program_type', 'infrastructure', 'Infrastructure', 3),
  ('product_status', 'active', 'Active', 1),
  ('product_status', 'maintenance', 'Maintenance', 2),
  ('product_status', 'deprecated', 'Deprecated', 3),
  ('product_status', 'archived', 'Archived', 4),
  ('feature_status', 'planned', 'Planned', 1),
  ('feature_status', 'in_development', 'In development', 2),
  ('feature_status', 'beta', 'Beta', 3),
  ('feature_status', 'stable', 'Stable', 4),
  ('feature_status', 'deprecated', 'Deprecated', 5),
  ('cr_status', 'queue', 'Queue', 1),
  ('cr_status', 'in_progress', 'In progress', 2),
  ('cr_status', 'review', 'Review', 3),
  ('cr_status', 'done', 'Done', 4),
  ('cr_type', 'enhancement', 'Enhancement', 1),
  ('cr_type', 'bugfix', 'Bug fix', 2),
  ('cr_type', 'spec', 'Specification', 3),
  ('cr_type', 'chore', 'Chore', 4),
  ('roadmap_phase', 'phase_a', 'Phase A', 1),
  ('roadmap_phase', 'phase_b', 'Phase B', 2),
  ('roadmap_phase', 'phase_c', 'Phase C', 3),
  ('roadmap_phase', 'phase_d', 'Phase D', 4),
  ('roadmap_phase', 'phase_e', 'Phase E', 5),
  ('roadmap_phase', 'post_launch', 'Post-launch', 6),
  ('roadmap_status', 'pending', 'Pending', 1),
  ('roadmap_status', 'in_progress', 'In progress', 2),
  ('roadmap_status', 'blocked', 'Blocked', 3),
  ('roadmap_status', 'completed', 'Completed', 4),
  ('roadmap_status', 'deferred', 'Deferred', 5),
  ('bug_severity', 'critical', 'Critical', 1),
  ('bug_severity', 'high', 'High', 2),
  ('bug_severity', 'medium', 'Medium', 3),
  ('bug_severity', 'low', 'Low', 4),
  ('bug_status', 'open', 'Open', 1),
  ('bug_status', 'confirmed', 'Confirmed', 2),
  ('bug_status', 'in_progress', 'In progress', 3),
  ('bug_status', 'fixed', 'Fixed', 4),
  ('bug_status', 'verified', 'Verified', 5),
  ('bug_status', 'wont_fix', 'Won''t fix', 6),
  ('release_type', 'version', 'Version', 1),
  ('release_type', 'post', 'Post', 2),
  ('release_type', 'campaign', 'Campaign', 3),
  ('release_type', 'deploy', 'Deploy', 4),
  ('release_status', 'pending', 'Pending', 1),
  ('release_status', 'in_progress', 'In progress', 2),
  ('release_status', 'ready', 'Ready', 3),
  ('release_status', 'published', 'Published', 4),
  ('release_status', 'archived', 'Archived', 5),
  ('charter_type', 'roadmap', 'Roadmap', 1),
  ('charter_type', 'ethos', 'Ethos', 2),
  ('charter_type', 'release_checklist', 'Release checklist', 3),
  ('standard_level', 'program', 'Program', 1),
  ('standard_level', 'product', 'Product', 2),
  ('standard_level', 'feature', 'Feature', 3),
  ('standard_level', 'release', 'Release', 4),
  ('standard_level', 'cr', 'Change request', 5),
  ('check_type', 'boolean', 'Boolean', 1),
  ('check_type', 'threshold', 'Threshold', 2),
  ('check_type', 'pattern', 'Pattern', 3),
  ('check_type', 'manual', 'Manual', 4);
