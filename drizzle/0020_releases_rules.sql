-- The release compliance review (issue 8): which standards apply to a release, and a cheap
-- roll-up state for the releases list. Statements are separated by drizzle's breakpoint marker
-- because PGlite runs one statement per query.

-- A release's version, for matching change requests (target_version / completed_version) and
-- features (introduced_in), which name versions without the leading "v" ('0.2.0' for 'v0.2.0').
CREATE FUNCTION release_version(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(p_name, '^[vV]', '')
$$;
--> statement-breakpoint

-- Every standard that applies to a live release, once per assignment it applies through:
--   release  assigned to the release itself;
--   product  assigned to the release's product;
--   program  assigned to the product's program (a program's standards hold for all its releases);
--   feature  assigned to a live feature of the product that ships in this release: introduced in
--            its version, or named by a live change request targeting or completed in it;
--   cr       assigned to a live change request of the product targeting or completed in it.
-- is_inherited is the assignment's own flag (the seed marks a program standard copied down to a
-- product as inherited). Deleted standards do not apply. One branch per level, so that each
-- walks standard_assignments_entity_idx for one release.
CREATE VIEW v_release_standards WITH (security_invoker = true) AS
WITH r AS NOT MATERIALIZED (
  SELECT r.organisation_id, r.id, r.product_id, p.program_id, release_version(r.name) AS version
    FROM releases r
    JOIN products p ON p.organisation_id = r.organisation_id AND p.id = r.product_id
   WHERE r.deleted_at IS NULL
), sources AS NOT MATERIALIZED (
  SELECT r.organisation_id, r.id AS release_id, sa.standard_id, sa.entity_type, sa.entity_id, sa.is_inherited
    FROM r
    JOIN standard_assignments sa
      ON sa.organisation_id = r.organisation_id AND sa.entity_type = 'release' AND sa.entity_id = r.id
  UNION ALL
  SELECT r.organisation_id, r.id, sa.standard_id, sa.entity_type, sa.entity_id, sa.is_inherited
    FROM r
    JOIN standard_assignments sa
      ON sa.organisation_id = r.organisation_id AND sa.entity_type = 'product' AND sa.entity_id = r.product_id
  UNION ALL
  SELECT r.organisation_id, r.id, sa.standard_id, sa.entity_type, sa.entity_id, sa.is_inherited
    FROM r
    JOIN standard_assignments sa
      ON sa.organisation_id = r.organisation_id AND sa.entity_type = 'program' AND sa.entity_id = r.program_id
  UNION ALL
  SELECT r.organisation_id, r.id, sa.standard_id, sa.entity_type, sa.entity_id, sa.is_inherited
    FROM r
    JOIN features f
      ON f.organisation_id = r.organisation_id AND f.product_id = r.product_id AND f.deleted_at IS NULL
    JOIN standard_assignments sa
      ON sa.organisation_id = r.organisation_id AND sa.entity_type = 'feature' AND sa.entity_id = f.id
   WHERE f.introduced_in = r.version
      OR EXISTS (
           SELECT 1 FROM change_requests c
            WHERE c.organisation_id = r.organisation_id AND c.feature_id = f.id AND c.deleted_at IS NULL
              AND r.version IN (c.target_version, c.completed_version))
  UNION ALL
  SELECT r.organisation_id, r.id, sa.standard_id, sa.entity_type, sa.entity_id, sa.is_inherited
    FROM r
    JOIN change_requests c
      ON c.organisation_id = r.organisation_id AND c.product_id = r.product_id AND c.deleted_at IS NULL
     AND r.version IN (c.target_version, c.completed_version)
    JOIN standard_assignments sa
      ON sa.organisation_id = r.organisation_id AND sa.entity_type = 'cr' AND sa.entity_id = c.id
)
SELECT s.organisation_id, s.release_id, s.standard_id, s.entity_type, s.entity_id, s.is_inherited
  FROM sources s
  JOIN standards st ON st.organisation_id = s.organisation_id AND st.id = s.standard_id AND st.deleted_at IS NULL;
--> statement-breakpoint

-- Failing results are few among a million; this index answers "has this release a failing
-- result (of a blocking standard)?" for every release of a list without reading its history.
CREATE INDEX compliance_results_release_fail_idx
  ON compliance_results (organisation_id, release_id, standard_id)
  WHERE result = 'fail' AND release_id IS NOT NULL;
--> statement-breakpoint

-- v_compliance_status's status for one release (blocked / warnings / clear, over every result
-- row as the seed counts them), from the failing rows only: the releases list filters and sorts
-- on it across all releases, which the full roll-up (every row of every release) cannot afford.
CREATE FUNCTION release_rollup_status(p_org uuid, p_release text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN EXISTS (
             SELECT 1 FROM compliance_results cr
               JOIN standards s ON s.organisation_id = cr.organisation_id AND s.id = cr.standard_id
              WHERE cr.organisation_id = p_org AND cr.release_id = p_release AND cr.result = 'fail' AND s.is_blocking)
             THEN 'blocked'
           WHEN EXISTS (
             SELECT 1 FROM compliance_results cr
              WHERE cr.organisation_id = p_org AND cr.release_id = p_release AND cr.result = 'fail')
             THEN 'warnings'
           ELSE 'clear'
         END
$$;
--> statement-breakpoint

-- The releases list computes v_compliance_status for a page of releases (hundreds of result rows
-- each) and the latest result of every (release, standard) pair; with the result carried in the
-- index both are index-only scans (at scale L, 50 releases: 29–44 ms → 13 ms each, PostgreSQL 15).
CREATE INDEX compliance_results_release_latest_idx
  ON compliance_results (organisation_id, release_id, standard_id, checked_at DESC NULLS LAST) INCLUDE (result)
  WHERE release_id IS NOT NULL;
