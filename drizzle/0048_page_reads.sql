-- Every page under 150 ms at scale L (issue 19, item 5): the reads every page shares, made cheaper
-- rather than forked. The answers are the same; only how PostgreSQL gets them changes.

-- v_release_verdict, the same rows, in a form whose release filter reaches the standards. 0026
-- grouped releases LEFT JOIN v_release_standard_states: a filter on one release_id crossed the
-- outer join, but a list of ids (a page of the releases list, the overview's releases, the
-- at-risk list) did not, so every release's verdict was computed and all but a few thrown away.
-- Now each live release contributes one row of its own (no standard) beside one row per standard
-- that applies, and the verdict is the aggregate of those rows grouped by release: a filter on
-- release_id (one id, a list, a LATERAL reference) reaches both inputs of the UNION ALL and,
-- through v_release_standard_states' DISTINCT, every branch of v_release_standards. The
-- release's own row has NULL in every aggregated column, which count(), bool_or(), FILTER and
-- jsonb_agg() ignore: a release no standard applies to is ready with 0 applicable and no
-- reasons, as the outer join gave. Columns, names, types and rows are 0026's (compared release
-- by release at scale L). At scale L (2,008 releases), the verdicts of a page of 50: 587–654 ms
-- → 31–61 ms; of every release: 650–1,064 ms → 550 ms (a machine at load 15; docs/benchmarks.md).
CREATE OR REPLACE VIEW v_release_verdict WITH (security_invoker = true) AS
SELECT x.organisation_id, x.release_id,
       CASE WHEN bool_or(x.is_blocking AND x.state = 'fails') THEN 'blocked'
            WHEN bool_or(x.is_blocking AND x.state IN ('unchecked', 'skipped', 'errored')) THEN 'not_ready'
            WHEN bool_or(NOT x.is_blocking AND x.state IN ('fails', 'unchecked', 'skipped', 'errored')) THEN 'ready_with_warnings'
            ELSE 'ready'
       END AS verdict,
       count(x.standard_id)::integer AS applicable,
       (count(*) FILTER (WHERE x.state = 'passes'))::integer AS passing,
       (count(*) FILTER (WHERE x.state = 'waived'))::integer AS waived,
       coalesce(
         jsonb_agg(
           jsonb_build_object(
             'standard_id', x.standard_id, 'name', x.standard_name, 'blocking', x.is_blocking,
             'problem', x.state, 'result', x.latest_result,
             'waiver', CASE WHEN x.state = 'waived'
                            THEN jsonb_build_object('id', x.waiver_id, 'reason', x.waiver_reason, 'by', x.waived_by, 'at', x.waived_at) END)
           ORDER BY CASE WHEN x.state = 'waived' THEN 4
                         WHEN x.is_blocking AND x.state = 'fails' THEN 0
                         WHEN x.is_blocking THEN 1
                         WHEN x.state = 'fails' THEN 2
                         ELSE 3 END,
                    x.standard_id)
           FILTER (WHERE x.state <> 'passes'),
         '[]'::jsonb) AS reasons
  FROM (
    SELECT r.organisation_id, r.id AS release_id, NULL::text AS standard_id, NULL::text AS standard_name, NULL::boolean AS is_blocking,
           NULL::text AS latest_result, NULL::text AS state, NULL::text AS waiver_id, NULL::text AS waiver_reason, NULL::text AS waived_by,
           NULL::timestamptz AS waived_at
      FROM releases r
     WHERE r.deleted_at IS NULL
    UNION ALL
    SELECT st.organisation_id, st.release_id, st.standard_id, st.standard_name, st.is_blocking, st.latest_result, st.state,
           st.waiver_id, st.waiver_reason, st.waived_by, st.waived_at
      FROM v_release_standard_states st
  ) x
 GROUP BY x.organisation_id, x.release_id;
--> statement-breakpoint

-- The header's unread count, on every page: v_inbox_entries' seven branches (one of them reading
-- v_release_verdict) took PostgreSQL longer to plan than to run — at scale L 67 ms of planning
-- for 16 ms of execution under load, on each render. In a PL/pgSQL function the statement is prepared once
-- per connection and its generic plan kept (plan_cache_mode: the first call plans it, later calls
-- only run it); the organisation and the person are its parameters. The count is the view's, read
-- with the caller's rights (SECURITY INVOKER, row-level security as before).
CREATE FUNCTION inbox_unread_count(p_organisation_id uuid, p_user_id text) RETURNS integer
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN (SELECT count(*)::integer FROM v_inbox_entries
           WHERE organisation_id = p_organisation_id AND user_id = p_user_id AND read_at IS NULL);
END $$;
--> statement-breakpoint

-- The verdicts of a list of releases (a page of the releases list, the overview's), as
-- v_release_verdict gives them, through one cached plan: planning the view (its standards'
-- five branches, the latest results, the waivers) cost more than running it for a page of
-- releases. The rows are the view's; only the plan is kept (see inbox_unread_count).
CREATE FUNCTION release_verdicts(p_organisation_id uuid, p_release_ids text[]) RETURNS SETOF v_release_verdict
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY SELECT * FROM v_release_verdict v WHERE v.organisation_id = p_organisation_id AND v.release_id = ANY (p_release_ids);
END $$;
