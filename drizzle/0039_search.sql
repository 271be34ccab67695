-- Issue 17: the command palette's search (lib/search/search.ts, docs/search.md).
-- pg_trgm (a trusted extension on PostgreSQL 13+; PGlite loads it from its contrib build, lib/db/connection.ts)
-- gives a GIN index that answers ILIKE '%word%' for any word of three letters or more. Each searchable table
-- gets one, over the same expression the search repeats (lib/db/schema/search.ts: the row's id and title as
-- one text), on live rows only. The policies are the tables' own org_isolation: the search reads as the member.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "features_search_idx" ON "features" USING gin ((id || ' ' || name) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ((id || ' ' || name) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "programs_search_idx" ON "programs" USING gin ((id || ' ' || name) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "releases_search_idx" ON "releases" USING gin ((id || ' ' || name) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "builders_search_idx" ON "builders" USING gin ((builder_id || ' ' || builder_type_key) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "tasks" USING gin ((task_id::text || ' ' || name) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "standards_search_idx" ON "standards" USING gin ((id || ' ' || name) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_search_idx" ON "card" USING gin ((id::text || ' ' || title) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "bugs_search_idx" ON "bugs" USING gin ((id || ' ' || title) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_search_idx" ON "change_requests" USING gin ((id || ' ' || title) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_search_idx" ON "roadmap_items" USING gin ((id || ' ' || title) gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "blockers_search_idx" ON "blockers" USING gin ((id || ' ' || coalesce(title, '')) gin_trgm_ops) WHERE deleted_at IS NULL;
--> statement-breakpoint
-- The indexes above answer ILIKE only outside row-level security: under a policy, PostgreSQL does
-- not evaluate an operator that is not LEAKPROOF (ILIKE is not) before the policy's own check, so
-- it cannot use it as an index condition and reads the organisation's rows one by one (measured at
-- scale L × 0.2: 16–27 ms for roadmap_items alone, against 4 ms through the index). This function
-- is the index probe: it runs as the tables' owner, explicitly within current_user_org_id() (the
-- member's organisation; none when unset), live rows only, and answers ids alone: the best p_limit
-- of one table by the palette's ranks (exact id, exact title, prefix of either, then the shortest
-- title). lib/search/search.ts then reads those rows' titles as gantry_app, under the policies.
-- p_table must be one of the twelve searchable tables; each pattern is one escaped '%word%'.
CREATE FUNCTION search_candidates(p_table text, p_patterns text[], p_query text, p_prefix text, p_limit integer)
RETURNS TABLE (id text)
-- ROWS: at most 20, so that the caller's IN (…) reads each row by its key, not the table whole.
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 20 AS $$
DECLARE
  id_expr text;
  title_expr text;
  conditions text;
BEGIN
  SELECT d.id_expr, d.title_expr INTO id_expr, title_expr
  FROM (VALUES
    ('programs', 'id', 'name'), ('products', 'id', 'name'), ('features', 'id', 'name'), ('releases', 'id', 'name'),
    ('change_requests', 'id', 'title'), ('bugs', 'id', 'title'), ('roadmap_items', 'id', 'title'),
    ('tasks', 'task_id::text', 'name'), ('card', 'id::text', 'title'), ('builders', 'builder_id', 'builder_type_key'),
    ('blockers', 'id', 'coalesce(title, '''')'), ('standards', 'id', 'name')
  ) AS d(tbl, id_expr, title_expr)
  WHERE d.tbl = p_table;
  IF id_expr IS NULL THEN
    RAISE EXCEPTION 'SEARCH: % is not a searchable table', p_table USING ERRCODE = '22023';
  END IF;
  IF coalesce(cardinality(p_patterns), 0) = 0 OR cardinality(p_patterns) > 8 THEN
    RAISE EXCEPTION 'SEARCH: between one and eight words' USING ERRCODE = '22023';
  END IF;
  -- One ILIKE per word on the index's own expression, so that the planner can use the index.
  SELECT string_agg(format('(%s || '' '' || %s) ILIKE $1[%s]', id_expr, title_expr, i), ' AND ')
  INTO conditions FROM generate_subscripts(p_patterns, 1) AS i;
  RETURN QUERY EXECUTE format(
    'SELECT (%1$s)::text FROM %2$I
     WHERE organisation_id = current_user_org_id() AND deleted_at IS NULL AND %3$s
     ORDER BY CASE WHEN lower(%1$s) = $2 THEN 0 WHEN lower(%4$s) = $2 THEN 1
                   WHEN (%1$s) ILIKE $4 OR (%4$s) ILIKE $4 THEN 2 ELSE 3 END, length(%4$s), 1
     LIMIT $3',
    id_expr, p_table, conditions, title_expr)
  USING p_patterns, lower(p_query), least(greatest(p_limit, 1), 20), p_prefix;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION search_candidates(text, text[], text, text, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_candidates(text, text[], text, text, integer) TO gantry_app;
