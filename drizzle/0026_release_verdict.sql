CREATE TABLE "compliance_latest_results" (
	"organisation_id" uuid NOT NULL,
	"release_id" text NOT NULL,
	"standard_id" text NOT NULL,
	"result_id" bigint NOT NULL,
	"result" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "compliance_latest_results_pkey" PRIMARY KEY("organisation_id","release_id","standard_id")
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "release_id" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "standard_id" text;--> statement-breakpoint
ALTER TABLE "compliance_latest_results" ADD CONSTRAINT "compliance_latest_results_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_release_fk" FOREIGN KEY ("organisation_id","release_id") REFERENCES "public"."releases"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_standard_fk" FOREIGN KEY ("organisation_id","standard_id") REFERENCES "public"."standards"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_release_standard_idx" ON "decisions" USING btree ("organisation_id","release_id","standard_id","decided_at" DESC NULLS LAST) WHERE release_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_release_waiver_check" CHECK ((release_id IS NULL AND standard_id IS NULL) OR (release_id IS NOT NULL AND standard_id IS NOT NULL AND decision_type = 'waiver' AND btrim(coalesce(reason, '')) <> ''));--> statement-breakpoint

-- One release verdict (issue 12), computed here and read by every page, report and API.
-- A release is
--   blocked              when a blocking standard that applies has a latest result of fail;
--   not_ready            else when a blocking standard that applies is unchecked, or its latest
--                        result is skip or error;
--   ready_with_warnings  else when a non-blocking standard that applies fails, is unchecked,
--                        skipped or errored;
--   ready                else: every applicable standard passes its latest check or is waived
--                        (also when no standard applies: nothing is asked of the release).
-- A waiver is a decision of type waiver, with a reason, naming the release and the standard
-- (decisions.release_id and standard_id, decisions_release_waiver_check), that no later decision
-- supersedes (a revocation, or a renewed waiver, names it in supersedes_decision_id). A standard
-- whose latest result passes is reported as passing, waived or not.
-- Statements are separated by drizzle's breakpoint marker because PGlite runs one per query.

-- Seed 001's org_isolation, as on every tenant-owned table (migration auth_rules).
ALTER TABLE compliance_latest_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON compliance_latest_results
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint

-- compliance_latest_results follows compliance_results, which only grows (compliance_immutable,
-- compliance_no_delete): after each insert statement, the newest row of each (release,
-- standard) it wrote replaces an older latest one. "Newest" is the later checked_at, then the
-- higher id (the results of one transaction share now()); the review page orders its history
-- the same way. Once per statement, so that a bulk load (a million rows at scale L) upserts each
-- pair once. It runs as the inserting role, under its row-level security.
CREATE FUNCTION compliance_latest_results_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO compliance_latest_results AS l (organisation_id, release_id, standard_id, result_id, result, checked_at)
  SELECT DISTINCT ON (n.organisation_id, n.release_id, n.standard_id)
         n.organisation_id, n.release_id, n.standard_id, n.id, n.result, n.checked_at
    FROM inserted n
   WHERE n.release_id IS NOT NULL
   ORDER BY n.organisation_id, n.release_id, n.standard_id, n.checked_at DESC, n.id DESC
  ON CONFLICT (organisation_id, release_id, standard_id) DO UPDATE
     SET result_id = EXCLUDED.result_id, result = EXCLUDED.result, checked_at = EXCLUDED.checked_at
   WHERE (EXCLUDED.checked_at, EXCLUDED.result_id) > (l.checked_at, l.result_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER compliance_latest_results_track AFTER INSERT ON compliance_results
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_latest_results_track();
--> statement-breakpoint

-- The results recorded before this migration.
INSERT INTO compliance_latest_results (organisation_id, release_id, standard_id, result_id, result, checked_at)
SELECT DISTINCT ON (organisation_id, release_id, standard_id)
       organisation_id, release_id, standard_id, id, result, checked_at
  FROM compliance_results
 WHERE release_id IS NOT NULL
 ORDER BY organisation_id, release_id, standard_id, checked_at DESC, id DESC;
--> statement-breakpoint

-- Derived rows are written by the trigger above only (it runs at trigger depth 1, so its own
-- writes arrive here at depth 2): a direct insert, update or delete is refused.
CREATE FUNCTION compliance_latest_results_derived() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'compliance_latest_results is derived from compliance_results: record a compliance result instead'
      USING ERRCODE = '23514';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER compliance_latest_results_derived BEFORE INSERT OR UPDATE OR DELETE ON compliance_latest_results
  FOR EACH ROW EXECUTE FUNCTION compliance_latest_results_derived();
--> statement-breakpoint

-- The releases list filtered and sorted on the seed's roll-up status through this function; it
-- now filters and sorts on the verdict, and nothing else reads the roll-up by failing rows only.
DROP FUNCTION release_rollup_status(uuid, text);
--> statement-breakpoint
DROP INDEX compliance_results_release_fail_idx;
--> statement-breakpoint

-- Each standard that applies to a live release (once, however many assignments it applies
-- through), with its latest result for the release, its live waiver, and its state: passes,
-- waived, fails, skipped, errored or unchecked. A filter on release_id reaches
-- v_release_standards' branches and the primary key of compliance_latest_results; over every
-- release, both are hash joins.
CREATE VIEW v_release_standard_states WITH (security_invoker = true) AS
SELECT a.organisation_id, a.release_id, a.standard_id, s.name AS standard_name, s.is_blocking,
       l.result_id AS latest_result_id, l.result AS latest_result, l.checked_at AS latest_checked_at,
       w.id AS waiver_id, w.reason AS waiver_reason, w.decided_by AS waived_by, w.decided_at AS waived_at,
       CASE WHEN l.result = 'pass' THEN 'passes'
            WHEN w.id IS NOT NULL THEN 'waived'
            WHEN l.result = 'fail' THEN 'fails'
            WHEN l.result = 'skip' THEN 'skipped'
            WHEN l.result = 'error' THEN 'errored'
            ELSE 'unchecked'
       END AS state
  FROM (SELECT DISTINCT vs.organisation_id, vs.release_id, vs.standard_id FROM v_release_standards vs) a
  JOIN standards s ON s.organisation_id = a.organisation_id AND s.id = a.standard_id
  LEFT JOIN compliance_latest_results l
    ON l.organisation_id = a.organisation_id AND l.release_id = a.release_id AND l.standard_id = a.standard_id
  LEFT JOIN (
    SELECT DISTINCT ON (d.organisation_id, d.release_id, d.standard_id)
           d.organisation_id, d.release_id, d.standard_id, d.id, d.reason, d.decided_by, d.decided_at
      FROM decisions d
     WHERE d.release_id IS NOT NULL AND d.decision_type = 'waiver'
       AND NOT EXISTS (SELECT 1 FROM decisions x
                        WHERE x.organisation_id = d.organisation_id AND x.supersedes_decision_id = d.id)
     ORDER BY d.organisation_id, d.release_id, d.standard_id, d.decided_at DESC, d.id DESC) w
    ON w.organisation_id = a.organisation_id AND w.release_id = a.release_id AND w.standard_id = a.standard_id;
--> statement-breakpoint

-- Every live release's verdict, with how many standards apply, pass and are waived, and the
-- reasons: one object per standard that does not pass, worst first
-- ({standard_id, name, blocking, problem: fails | unchecked | skipped | errored | waived,
--   result: its latest result or null, waiver: {id, reason, by, at} or null}).
-- A release that no standard applies to is ready (0 applicable, no reasons).
-- The releases list, the review page, the overview, the report and the API read it.
CREATE VIEW v_release_verdict WITH (security_invoker = true) AS
SELECT r.organisation_id, r.id AS release_id,
       CASE WHEN bool_or(st.is_blocking AND st.state = 'fails') THEN 'blocked'
            WHEN bool_or(st.is_blocking AND st.state IN ('unchecked', 'skipped', 'errored')) THEN 'not_ready'
            WHEN bool_or(NOT st.is_blocking AND st.state IN ('fails', 'unchecked', 'skipped', 'errored')) THEN 'ready_with_warnings'
            ELSE 'ready'
       END AS verdict,
       count(st.standard_id)::integer AS applicable,
       (count(*) FILTER (WHERE st.state = 'passes'))::integer AS passing,
       (count(*) FILTER (WHERE st.state = 'waived'))::integer AS waived,
       coalesce(
         jsonb_agg(
           jsonb_build_object(
             'standard_id', st.standard_id, 'name', st.standard_name, 'blocking', st.is_blocking,
             'problem', st.state, 'result', st.latest_result,
             'waiver', CASE WHEN st.state = 'waived'
                            THEN jsonb_build_object('id', st.waiver_id, 'reason', st.waiver_reason, 'by', st.waived_by, 'at', st.waived_at) END)
           ORDER BY CASE WHEN st.state = 'waived' THEN 4
                         WHEN st.is_blocking AND st.state = 'fails' THEN 0
                         WHEN st.is_blocking THEN 1
                         WHEN st.state = 'fails' THEN 2
                         ELSE 3 END,
                    st.standard_id)
           FILTER (WHERE st.state <> 'passes'),
         '[]'::jsonb) AS reasons
  FROM releases r
  LEFT JOIN v_release_standard_states st ON st.organisation_id = r.organisation_id AND st.release_id = r.id
 WHERE r.deleted_at IS NULL
 GROUP BY r.organisation_id, r.id;
