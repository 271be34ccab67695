-- Hand-written rules of the governance slice (seeds 000 and 003): standards and their
-- assignments, append-only compliance results, singleton charter documents, claims and the
-- deploy gate, seed 003's system tables, their views, and the rows seed 003 ships (quotas,
-- circuit breakers, extension points). Statements are separated by drizzle's breakpoint marker
-- because PGlite runs one statement per query. Refusals use SQLSTATE 23514 (check_violation),
-- or 23503 (foreign_key_violation) for a polymorphic reference that points nowhere.

-- Deploy targets become a terminology domain instead of seed 003's CHECK (website, pypi, docs),
-- so that an organisation can deploy to npm, an app store or a registry without a migration.
INSERT INTO terminology (domain, internal_key, display_name, description, sort_order) VALUES
  ('deploy_target', 'website', 'Website', 'The public site', 1),
  ('deploy_target', 'pypi', 'PyPI', 'The Python package index', 2),
  ('deploy_target', 'docs', 'Docs', 'The documentation site', 3);
--> statement-breakpoint

-- updated_at: seed 001's triggers generalised; these replace seed 003's <t>_audit_insert and
-- <t>_updated_at helpers (the columns are NOT NULL DEFAULT now(), so nothing is left to fill).
CREATE TRIGGER standards_updated_at BEFORE UPDATE ON standards
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER charter_docs_updated_at BEFORE UPDATE ON charter_docs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER claims_updated_at BEFORE UPDATE ON claims
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER deploy_gates_updated_at BEFORE UPDATE ON deploy_gates
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER resource_quotas_updated_at BEFORE UPDATE ON resource_quotas
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER health_check_results_updated_at BEFORE UPDATE ON health_check_results
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER circuit_breakers_updated_at BEFORE UPDATE ON circuit_breakers
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER extension_points_updated_at BEFORE UPDATE ON extension_points
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER metrics_updated_at BEFORE UPDATE ON metrics
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER idempotency_keys_updated_at BEFORE UPDATE ON idempotency_keys
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER sessions_updated_at BEFORE UPDATE ON sessions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER session_file_cache_updated_at BEFORE UPDATE ON session_file_cache
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER session_event_cache_updated_at BEFORE UPDATE ON session_event_cache
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER session_cache_state_updated_at BEFORE UPDATE ON session_cache_state
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER learned_patterns_updated_at BEFORE UPDATE ON learned_patterns
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER detected_patterns_updated_at BEFORE UPDATE ON detected_patterns
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER ground_rules_updated_at BEFORE UPDATE ON ground_rules
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER skills_updated_at BEFORE UPDATE ON skills
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER preferences_updated_at BEFORE UPDATE ON preferences
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

CREATE TRIGGER standards_terminology_keys BEFORE INSERT OR UPDATE ON standards
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('level_key', 'standard_level', 'check_type_key', 'check_type');
--> statement-breakpoint
CREATE TRIGGER charter_docs_terminology_keys BEFORE INSERT OR UPDATE ON charter_docs
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('doc_type_key', 'charter_type');
--> statement-breakpoint
CREATE TRIGGER deploy_gates_terminology_keys BEFORE INSERT OR UPDATE ON deploy_gates
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('target', 'deploy_target');
--> statement-breakpoint
CREATE TRIGGER deployment_events_terminology_keys BEFORE INSERT OR UPDATE ON deployment_events
  FOR EACH ROW EXECUTE FUNCTION enforce_terminology_keys('target', 'deploy_target');
--> statement-breakpoint

-- Standard assignments and compliance results name their entity by (entity_type, entity_id),
-- one of the standard_level keys. No foreign key can cover five tables, so this function checks
-- that the entity exists in the row's organisation. NULL means "not an entity type".
-- change_requests belongs to another slice; it is looked up only if it exists.
CREATE FUNCTION governance_entity_exists(p_org uuid, p_type text, p_id text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
  found boolean;
BEGIN
  CASE p_type
    WHEN 'program' THEN
      RETURN EXISTS (SELECT 1 FROM programs WHERE organisation_id = p_org AND id = p_id);
    WHEN 'product' THEN
      RETURN EXISTS (SELECT 1 FROM products WHERE organisation_id = p_org AND id = p_id);
    WHEN 'feature' THEN
      RETURN EXISTS (SELECT 1 FROM features WHERE organisation_id = p_org AND id = p_id);
    WHEN 'release' THEN
      RETURN EXISTS (SELECT 1 FROM releases WHERE organisation_id = p_org AND id = p_id);
    WHEN 'cr' THEN
      IF to_regclass('change_requests') IS NULL THEN
        RETURN false;
      END IF;
      EXECUTE 'SELECT EXISTS (SELECT 1 FROM change_requests WHERE organisation_id = $1 AND id = $2)'
        INTO found USING p_org, p_id;
      RETURN found;
    ELSE
      RETURN NULL;
  END CASE;
END;
$$;
--> statement-breakpoint

CREATE FUNCTION governance_entity_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  present boolean := governance_entity_exists(NEW.organisation_id, NEW.entity_type, NEW.entity_id);
BEGIN
  IF present IS NULL THEN
    RAISE EXCEPTION 'GOVERNANCE: "%" is not an entity type (program, product, feature, release, cr)', NEW.entity_type
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'entity_type';
  END IF;
  IF NOT present THEN
    RAISE EXCEPTION 'GOVERNANCE: % "%" does not exist in this organisation', NEW.entity_type, NEW.entity_id
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'entity_id';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER standard_assignments_entity_check
  BEFORE INSERT OR UPDATE OF organisation_id, entity_type, entity_id ON standard_assignments
  FOR EACH ROW EXECUTE FUNCTION governance_entity_check();
--> statement-breakpoint
CREATE TRIGGER compliance_results_entity_check BEFORE INSERT ON compliance_results
  FOR EACH ROW EXECUTE FUNCTION governance_entity_check();
--> statement-breakpoint

-- compliance_results is append-only (seed 000; SEMANTICS 1.1): every UPDATE and DELETE is
-- refused, whatever it touches.
CREATE TRIGGER compliance_immutable BEFORE UPDATE ON compliance_results
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Compliance results are immutable');
--> statement-breakpoint
CREATE TRIGGER compliance_no_delete BEFORE DELETE ON compliance_results
  FOR EACH ROW EXECUTE FUNCTION reject_append_only_change('Compliance results cannot be deleted');
--> statement-breakpoint

-- One active document per type and organisation. When a document becomes active (inserted
-- active, re-activated, restored or re-typed), the current active one of its type is retired
-- first, so the unique index charter_docs_active_type_key never fires for these paths. The
-- original handled inserts only, so re-activating an older document by UPDATE failed on the
-- unique index. The advisory lock serialises two activations of one type at once: the later
-- one waits, then retires the earlier one, instead of failing on the index.
CREATE FUNCTION charter_singleton_enforce() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('charter_docs'), hashtext(NEW.organisation_id::text || '/' || NEW.doc_type_key));
  UPDATE charter_docs
     SET is_active = false
   WHERE organisation_id = NEW.organisation_id
     AND doc_type_key = NEW.doc_type_key
     AND is_active
     AND deleted_at IS NULL
     AND id <> NEW.id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER charter_singleton_enforce
  BEFORE INSERT OR UPDATE OF is_active, deleted_at, doc_type_key ON charter_docs
  FOR EACH ROW WHEN (NEW.is_active AND NEW.deleted_at IS NULL)
  EXECUTE FUNCTION charter_singleton_enforce();
--> statement-breakpoint

-- Claims, deploy gates and deployment events may name a release; its product is filled in,
-- and a product that contradicts the release is refused, so that scope matching can rely on
-- product_id alone.
CREATE FUNCTION governance_release_product() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  release_product text;
BEGIN
  IF NEW.release_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT r.product_id INTO release_product
    FROM releases r
   WHERE r.organisation_id = NEW.organisation_id AND r.id = NEW.release_id;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key refuses it
  END IF;
  IF NEW.product_id IS NULL THEN
    NEW.product_id := release_product;
  ELSIF NEW.product_id <> release_product THEN
    RAISE EXCEPTION 'GOVERNANCE: release "%" belongs to product "%", not "%"', NEW.release_id, release_product, NEW.product_id
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'product_id';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_release_product BEFORE INSERT OR UPDATE OF product_id, release_id ON claims
  FOR EACH ROW EXECUTE FUNCTION governance_release_product();
--> statement-breakpoint
CREATE TRIGGER deploy_gates_release_product BEFORE INSERT OR UPDATE OF product_id, release_id ON deploy_gates
  FOR EACH ROW EXECUTE FUNCTION governance_release_product();
--> statement-breakpoint
CREATE TRIGGER deployment_events_release_product BEFORE INSERT OR UPDATE OF product_id, release_id ON deployment_events
  FOR EACH ROW EXECUTE FUNCTION governance_release_product();
--> statement-breakpoint

-- The live claims that gate a deploy of this scope. A claim with no product and no release
-- belongs to the whole organisation and gates every deploy; a product's claim gates that
-- product's deploys; a release's claim gates deploys of that release (or of its product with
-- no release named). A deploy that names neither product nor release is gated by every claim
-- of the organisation, as the seed's single website gate was.
CREATE FUNCTION deploy_gate_claims(p_org uuid, p_product text, p_release text) RETURNS SETOF claims
LANGUAGE sql STABLE AS $$
  SELECT c.*
    FROM claims c
   WHERE c.organisation_id = p_org
     AND c.deleted_at IS NULL
     AND (p_product IS NULL OR c.product_id IS NULL OR c.product_id = p_product)
     AND (p_release IS NULL OR c.release_id IS NULL OR c.release_id = p_release)
$$;
--> statement-breakpoint

-- Seed 003's gate, per scope: BLOCKED if any claim fails, else PENDING if a quantitative claim
-- is pending, else READY. Stale claims and pending qualitative claims do not block.
CREATE FUNCTION deploy_gate_status(p_org uuid, p_product text, p_release text)
RETURNS TABLE (status text, failed_count integer, failed_claims text, pending_count integer, pending_claims text)
LANGUAGE sql STABLE AS $$
  SELECT
    CASE
      WHEN count(*) FILTER (WHERE c.test_status = 'fail') > 0 THEN 'BLOCKED'
      WHEN count(*) FILTER (WHERE c.test_status = 'pending' AND c.claim_type = 'quantitative') > 0 THEN 'PENDING'
      ELSE 'READY'
    END,
    (count(*) FILTER (WHERE c.test_status = 'fail'))::integer,
    string_agg(c.id, ', ' ORDER BY c.id) FILTER (WHERE c.test_status = 'fail'),
    (count(*) FILTER (WHERE c.test_status = 'pending' AND c.claim_type = 'quantitative'))::integer,
    string_agg(c.id, ', ' ORDER BY c.id) FILTER (WHERE c.test_status = 'pending' AND c.claim_type = 'quantitative')
  FROM deploy_gate_claims(p_org, p_product, p_release) c
$$;
--> statement-breakpoint

-- Whether a deploy to p_target of this scope is gated: a live deploy_gates row for the whole
-- organisation, for the product, or for the release.
CREATE FUNCTION deploy_target_is_gated(p_org uuid, p_target text, p_product text, p_release text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
      FROM deploy_gates g
     WHERE g.organisation_id = p_org
       AND g.target = p_target
       AND g.deleted_at IS NULL
       AND (g.product_id IS NULL OR g.product_id = p_product)
       AND (g.release_id IS NULL OR g.release_id = p_release)
  )
$$;
--> statement-breakpoint

-- enforce_deploy_gate (seed 003 migration 009), generalised from the fixed target `website` to
-- the deploy_gates declarations. The seed's texts start the messages; the failing claims follow.
CREATE FUNCTION enforce_deploy_gate() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  gate record;
  scope text := format('target %s, product %s, release %s', NEW.target,
                       coalesce(NEW.product_id, '(any)'), coalesce(NEW.release_id, '(any)'));
BEGIN
  IF NOT deploy_target_is_gated(NEW.organisation_id, NEW.target, NEW.product_id, NEW.release_id) THEN
    RETURN NEW;
  END IF;
  SELECT * INTO gate FROM deploy_gate_status(NEW.organisation_id, NEW.product_id, NEW.release_id);
  IF gate.failed_count > 0 THEN
    RAISE EXCEPTION 'POLICY-001: Cannot deploy - failed claims exist. Run: pytest -k claim. Failing claims: %',
      gate.failed_claims
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, DETAIL = scope,
            HINT = 'Fix the failing claims or their tests, re-verify them, then deploy again.';
  END IF;
  IF gate.pending_count > 0 THEN
    RAISE EXCEPTION 'POLICY-002: Cannot deploy - pending quantitative claims. Run: MOTUS_TRACK_CLAIMS=1 pytest -k claim. Pending claims: %',
      gate.pending_claims
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, DETAIL = scope,
            HINT = 'Run the tests of the pending quantitative claims, then deploy again.';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enforce_deploy_gate BEFORE INSERT ON deployment_events
  FOR EACH ROW EXECUTE FUNCTION enforce_deploy_gate();
--> statement-breakpoint

-- Seed 003 health checks keep a seven-day window: after each insert, rows checked more than
-- seven days ago go, including a backdated row just inserted. Once per statement is enough.
CREATE FUNCTION health_check_cleanup() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM health_check_results WHERE checked_at < now() - interval '7 days';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER health_check_cleanup AFTER INSERT ON health_check_results
  FOR EACH STATEMENT EXECUTE FUNCTION health_check_cleanup();
--> statement-breakpoint

-- Views. Every view carries organisation_id; callers filter on it.

-- v_can_deploy: the seed's one row (target website) becomes one row per live gate declaration.
CREATE VIEW v_can_deploy AS
SELECT g.organisation_id,
       g.target,
       g.product_id,
       g.release_id,
       s.status,
       s.failed_count,
       s.failed_claims,
       s.pending_count,
       s.pending_claims
  FROM deploy_gates g
 CROSS JOIN LATERAL deploy_gate_status(g.organisation_id, g.product_id, g.release_id) s
 WHERE g.deleted_at IS NULL
 ORDER BY g.organisation_id, g.target, g.product_id NULLS FIRST, g.release_id NULLS FIRST;
--> statement-breakpoint

-- Gantry addition for the releases page: for each live release, every gated target that a
-- deploy of that release would meet, with the gate's status for that release.
CREATE VIEW v_release_deploy_gates AS
SELECT r.organisation_id,
       r.id AS release_id,
       r.product_id,
       t.target,
       s.status,
       s.failed_count,
       s.failed_claims,
       s.pending_count,
       s.pending_claims
  FROM releases r
 CROSS JOIN LATERAL (
   SELECT DISTINCT g.target
     FROM deploy_gates g
    WHERE g.organisation_id = r.organisation_id
      AND g.deleted_at IS NULL
      AND (g.product_id IS NULL OR g.product_id = r.product_id)
      AND (g.release_id IS NULL OR g.release_id = r.id)
 ) t
 CROSS JOIN LATERAL deploy_gate_status(r.organisation_id, r.product_id, r.id) s
 WHERE r.deleted_at IS NULL;
--> statement-breakpoint

CREATE VIEW v_claims_needing_tests AS
SELECT c.organisation_id,
       c.id,
       c.claim_text,
       c.page,
       c.product_id,
       c.release_id
  FROM claims c
 WHERE c.deleted_at IS NULL
   AND c.claim_type = 'quantitative'
   AND (c.test_function IS NULL OR c.test_status = 'pending')
 ORDER BY c.organisation_id, c.id;
--> statement-breakpoint

CREATE VIEW v_deploy_blockers AS
SELECT c.organisation_id,
       c.id,
       c.claim_text,
       c.page,
       c.test_function,
       c.test_status,
       c.last_verified_at,
       c.product_id,
       c.release_id
  FROM claims c
 WHERE c.deleted_at IS NULL
   AND c.test_status IN ('fail', 'stale')
 ORDER BY c.last_verified_at ASC NULLS FIRST, c.id;
--> statement-breakpoint

CREATE VIEW v_active_charters AS
SELECT c.organisation_id,
       c.id,
       c.doc_type_key,
       t.display_name AS doc_type,
       c.version,
       c.title,
       c.approved_by,
       c.approved_at,
       c.created_at
  FROM charter_docs c
  LEFT JOIN terminology t ON t.domain = 'charter_type' AND t.internal_key = c.doc_type_key
 WHERE c.is_active AND c.deleted_at IS NULL;
--> statement-breakpoint

-- One row per live release. passed/failed count result rows (a re-run counts again); the
-- status is blocked if any failing row's standard is blocking, warnings if any row failed,
-- else clear. skip and error rows count only in total_checks. The lateral aggregate walks
-- compliance_results_release_standard_idx for one release at a time.
CREATE VIEW v_compliance_status AS
SELECT r.organisation_id,
       r.id AS release_id,
       r.name AS release_name,
       p.name AS product_name,
       r.product_id,
       agg.total_checks,
       agg.passed,
       agg.failed,
       agg.status
  FROM releases r
  JOIN products p ON p.organisation_id = r.organisation_id AND p.id = r.product_id
 CROSS JOIN LATERAL (
   SELECT count(DISTINCT cr.standard_id)::integer AS total_checks,
          (count(*) FILTER (WHERE cr.result = 'pass'))::integer AS passed,
          (count(*) FILTER (WHERE cr.result = 'fail'))::integer AS failed,
          CASE
            WHEN bool_or(cr.result = 'fail' AND s.is_blocking) THEN 'blocked'
            WHEN bool_or(cr.result = 'fail') THEN 'warnings'
            ELSE 'clear'
          END AS status
     FROM compliance_results cr
     JOIN standards s ON s.organisation_id = cr.organisation_id AND s.id = cr.standard_id
    WHERE cr.organisation_id = r.organisation_id
      AND cr.release_id = r.id
 ) agg
 WHERE r.deleted_at IS NULL;
--> statement-breakpoint

-- Gantry addition for the releases page: the latest result of each standard checked for a
-- release (an index walk of compliance_results_release_standard_idx).
CREATE VIEW v_latest_compliance_results AS
SELECT DISTINCT ON (cr.organisation_id, cr.release_id, cr.standard_id)
       cr.organisation_id,
       cr.release_id,
       cr.standard_id,
       s.name AS standard_name,
       s.is_blocking,
       cr.id AS result_id,
       cr.entity_type,
       cr.entity_id,
       cr.result,
       cr.result_value,
       cr.error_message,
       cr.checked_by,
       cr.checked_at
  FROM compliance_results cr
  JOIN standards s ON s.organisation_id = cr.organisation_id AND s.id = cr.standard_id
 WHERE cr.release_id IS NOT NULL
 ORDER BY cr.organisation_id, cr.release_id, cr.standard_id, cr.checked_at DESC NULLS LAST;
--> statement-breakpoint

CREATE VIEW v_standards_summary AS
SELECT s.organisation_id,
       s.id,
       s.name,
       t_level.display_name AS level,
       t_check.display_name AS check_type,
       s.is_blocking,
       (SELECT count(*)
          FROM standard_assignments sa
         WHERE sa.organisation_id = s.organisation_id AND sa.standard_id = s.id)::integer AS assignments,
       s.created_at,
       s.level_key,
       s.check_type_key
  FROM standards s
  LEFT JOIN terminology t_level ON t_level.domain = 'standard_level' AND t_level.internal_key = s.level_key
  LEFT JOIN terminology t_check ON t_check.domain = 'check_type' AND t_check.internal_key = s.check_type_key
 WHERE s.deleted_at IS NULL
 ORDER BY t_level.sort_order, s.sort_order, s.id;
--> statement-breakpoint

-- Seed 003's instance-wide rows.
INSERT INTO resource_quotas (resource_type, soft_limit, hard_limit, reset_interval_hours) VALUES
  ('active_claims_per_agent', 10, 50, NULL),
  ('events_per_hour', 1000, 10000, 1),
  ('db_size_mb', 500, 1000, NULL),
  ('pending_outbox', 1000, 10000, NULL),
  ('concurrent_sessions', 5, 20, NULL);
--> statement-breakpoint
INSERT INTO circuit_breakers (name, failure_threshold, recovery_timeout_seconds) VALUES
  ('database', 3, 10),
  ('federation', 5, 60),
  ('file_system', 3, 30);
--> statement-breakpoint
INSERT INTO extension_points (point_name, handler_id, handler_type, priority) VALUES
  ('pre_claim_acquire', 'quota_check', 'builtin', 10),
  ('pre_claim_acquire', 'namespace_acl', 'builtin', 20),
  ('post_claim_acquire', 'audit_log', 'builtin', 90),
  ('post_claim_acquire', 'federation_publish', 'builtin', 100),
  ('pre_command', 'health_check', 'builtin', 10),
  ('on_error', 'audit_log', 'builtin', 10),
  ('on_quota_warning', 'audit_log', 'builtin', 10);
