-- Scale L (issue 17's benchmark figures): the board-rank probe, and the palette's search.

-- board_rank_make_room (0028) asks, for every row entering a board column without a rank of its
-- own, whether its rank is already taken in the column. It asked with equality conditions
-- (organisation_id = $1 AND status = $2 AND rank = $3), which every index beginning with
-- (organisation_id …) answers almost as cheaply as the unique (organisation_id, status, rank)
-- index does, as far as the planner can tell when its statistics predate the rows: a table that
-- grew within one transaction (a bulk seed, an import of 10,000 rows), a status or an
-- organisation it has not yet seen. The unique index is the larger (a taller tree), so the
-- planner took roadmap_items_progress_idx, change_requests_status_live_idx or
-- roadmap_items_cr_live_idx and filtered the organisation's rows by rank on every insert:
-- quadratic. Measured on PostgreSQL 15: 5,000 completed roadmap items in one INSERT took 8 s
-- (1.4 ms per probe, reading 5,000 index entries each); an import of 10,000 change requests 44 s;
-- `npm run db:seed -- --scale L` ran for minutes in its items step.
--
-- The probe now asks the question only the unique index can answer in order: the first live row
-- at or after (organisation, status, rank), by a row comparison of all three and ORDER BY …
-- LIMIT 1. Only an index beginning with those three columns can start its scan at that place and
-- return rows in that order; any other plan sorts a share of the table, which the planner never
-- prefers to one index probe, with or without statistics.
--
-- The function runs as its owner (SECURITY DEFINER, search_path fixed), as search_candidates
-- (0039) does, and for the same reason: under row-level security the policy adds
-- organisation_id = current_user_org_id(), an equality on the row comparison's first column, and
-- the index scan then starts at the organisation's first entry and reads the column again (an
-- import as gantry_app stayed quadratic). It reads only the organisation of the row being
-- written, and a trigger function cannot be called directly; a row written for another
-- organisation is still refused by the policy's WITH CHECK, after this trigger.
--
-- The probe of the five board tables is static SQL, so PL/pgSQL keeps its plan for the session
-- instead of planning it again for every row (roadmap_items has sixteen indexes to weigh: about
-- 250 µs of planning per row with EXECUTE). Another table calling the function gets the same
-- probe through EXECUTE. The rule is unchanged: a taken rank moves the row after the column's
-- last card (found the same way, backwards), a free rank is kept.
CREATE OR REPLACE FUNCTION board_rank_make_room() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  status_value text := to_jsonb(NEW) ->> TG_ARGV[0];
  rank_value float8 := (to_jsonb(NEW) ->> TG_ARGV[1])::float8;
  next_org uuid;
  next_status text;
  next_rank float8;
  last_org uuid;
  last_status text;
  last_rank float8;
BEGIN
  IF rank_value IS NULL OR status_value IS NULL THEN
    RETURN NEW;
  END IF;
  -- The first live row at or after (organisation, status, rank), in the unique index's order.
  IF TG_TABLE_NAME = 'change_requests' THEN
    SELECT t.organisation_id, t.status_key, t.board_rank INTO next_org, next_status, next_rank FROM change_requests t
    WHERE (t.organisation_id, t.status_key, t.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND t.deleted_at IS NULL
    ORDER BY t.organisation_id, t.status_key, t.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'roadmap_items' THEN
    SELECT t.organisation_id, t.status_key, t.board_rank INTO next_org, next_status, next_rank FROM roadmap_items t
    WHERE (t.organisation_id, t.status_key, t.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND t.deleted_at IS NULL
    ORDER BY t.organisation_id, t.status_key, t.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'bugs' THEN
    SELECT t.organisation_id, t.status_key, t.board_rank INTO next_org, next_status, next_rank FROM bugs t
    WHERE (t.organisation_id, t.status_key, t.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND t.deleted_at IS NULL
    ORDER BY t.organisation_id, t.status_key, t.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'tasks' THEN
    SELECT t.organisation_id, t.state, t.board_rank INTO next_org, next_status, next_rank FROM tasks t
    WHERE (t.organisation_id, t.state, t.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND t.deleted_at IS NULL
    ORDER BY t.organisation_id, t.state, t.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'card' THEN
    SELECT t.organisation_id, t.status, t.rank INTO next_org, next_status, next_rank FROM card t
    WHERE (t.organisation_id, t.status, t.rank) >= (NEW.organisation_id, status_value, rank_value) AND t.deleted_at IS NULL
    ORDER BY t.organisation_id, t.status, t.rank LIMIT 1;
  ELSE
    EXECUTE format('SELECT organisation_id, %2$I, %3$I FROM %1$I
                    WHERE (organisation_id, %2$I, %3$I) >= ($1, $2, $3) AND deleted_at IS NULL
                    ORDER BY organisation_id, %2$I, %3$I LIMIT 1',
                   TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1])
      INTO next_org, next_status, next_rank USING NEW.organisation_id, status_value, rank_value;
  END IF;
  IF next_org IS DISTINCT FROM NEW.organisation_id OR next_status IS DISTINCT FROM status_value
     OR next_rank IS DISTINCT FROM rank_value THEN
    RETURN NEW;
  END IF;
  -- Taken: the column's last rank, the last live row at or before (organisation, status, +∞).
  EXECUTE format('SELECT organisation_id, %2$I, %3$I FROM %1$I
                  WHERE (organisation_id, %2$I, %3$I) <= ($1, $2, ''Infinity''::float8) AND deleted_at IS NULL
                  ORDER BY organisation_id DESC, %2$I DESC, %3$I DESC LIMIT 1',
                 TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1])
    INTO last_org, last_status, last_rank USING NEW.organisation_id, status_value;
  RETURN jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[1], last_rank + 1024));
END;
$$;
--> statement-breakpoint

-- The palette's search at scale L (issue 17's benchmark). search_candidates (0039) found every live
-- row matching the words through the trigram index, then read each from the heap, rechecked it and
-- sorted all of them by rank and title length to keep five: `lease` (inside "Release") matches 7,818
-- of the 80,022 roadmap items at scale L, 43–67 ms for that table alone. The planner cannot pick a
-- better plan itself: its ILIKE estimates are off by up to 60× (128 rows for `lease`, 640 for a
-- word that matches nothing). On the four large tables the function now answers, with the same
-- result (0039's order: rank, then title length, then id):
--   1. W: the 1,000 shortest live rows in (length, id) order, read from an index in that order
--      (index-only). T: the best k matches in W by (rank, length, id). When W holds fewer than k
--      matches (a rare word), the trigram index and a sort of its few matches answer, as before.
--   2. A row outside W is longer than every row in W, so it can beat T's k-th row only with a
--      better rank than T's worst, m: the rows that start with the query when m is 3, the exact
--      id or title when m is 2, the exact id when m is 1 (btree indexes on lower(id) and
--      lower(title); x ILIKE p is lower(x) LIKE lower(p) in a UTF-8 database).
--   3. The best k of T and those rows.
-- The eight small searchable tables (a few thousand rows at most) keep 0039's single statement.
CREATE INDEX roadmap_items_search_id_prefix_idx ON roadmap_items (organisation_id, lower(id) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX roadmap_items_search_title_prefix_idx ON roadmap_items (organisation_id, lower(title) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX roadmap_items_search_shortest_idx ON roadmap_items (organisation_id, length(title), id) INCLUDE (title) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX change_requests_search_id_prefix_idx ON change_requests (organisation_id, lower(id) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX change_requests_search_title_prefix_idx ON change_requests (organisation_id, lower(title) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX change_requests_search_shortest_idx ON change_requests (organisation_id, length(title), id) INCLUDE (title) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX card_search_id_prefix_idx ON card (organisation_id, lower(id::text) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX card_search_title_prefix_idx ON card (organisation_id, lower(title) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX card_search_shortest_idx ON card (organisation_id, length(title), (id::text)) INCLUDE (id, title) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX tasks_search_id_prefix_idx ON tasks (organisation_id, lower(task_id::text) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX tasks_search_title_prefix_idx ON tasks (organisation_id, lower(name) text_pattern_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX tasks_search_shortest_idx ON tasks (organisation_id, length(name), (task_id::text)) INCLUDE (task_id, name) WHERE deleted_at IS NULL;--> statement-breakpoint

CREATE OR REPLACE FUNCTION search_candidates(p_table text, p_patterns text[], p_query text, p_prefix text, p_limit integer)
RETURNS TABLE (id text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 20 AS $$
DECLARE
  id_expr text;
  title_expr text;
  conditions text;
  rank_expr text;
  better text;
  k integer := least(greatest(p_limit, 1), 20);
  best_ids text[];
  best_ranks integer[];
  best_lengths integer[];
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
  -- One ILIKE per word on the trigram index's own expression.
  SELECT string_agg(format('(%s || '' '' || %s) ILIKE $1[%s]', id_expr, title_expr, i), ' AND ')
  INTO conditions FROM generate_subscripts(p_patterns, 1) AS i;
  rank_expr := format('CASE WHEN lower(%1$s) = $2 THEN 0 WHEN lower(%2$s) = $2 THEN 1
                            WHEN lower(%1$s) LIKE lower($4) OR lower(%2$s) LIKE lower($4) THEN 2 ELSE 3 END',
                      id_expr, title_expr);

  IF p_table IN ('roadmap_items', 'change_requests', 'card', 'tasks') THEN
    -- 1. T: the best k matches among the 1,000 shortest live rows; only the id and title are
    -- read, so that the index answers alone.
    EXECUTE format(
      'SELECT array_agg(m.i ORDER BY m.r, m.l, m.i), array_agg(m.r ORDER BY m.r, m.l, m.i), array_agg(m.l ORDER BY m.r, m.l, m.i)
       FROM (SELECT id_v AS i, %4$s AS r, length(title_v) AS l
             FROM (SELECT (%1$s)::text AS id_v, %3$s AS title_v FROM %2$I
                   WHERE organisation_id = current_user_org_id() AND deleted_at IS NULL
                   ORDER BY length(%3$s), (%1$s)::text LIMIT 1000) shortest
             WHERE %5$s
             ORDER BY 2, 3, 1 LIMIT $3) m',
      id_expr, p_table, title_expr,
      'CASE WHEN lower(id_v) = $2 THEN 0 WHEN lower(title_v) = $2 THEN 1
            WHEN lower(id_v) LIKE lower($4) OR lower(title_v) LIKE lower($4) THEN 2 ELSE 3 END',
      (SELECT string_agg(format('(id_v || '' '' || title_v) ILIKE $1[%s]', i), ' AND ') FROM generate_subscripts(p_patterns, 1) AS i))
    INTO best_ids, best_ranks, best_lengths
    USING p_patterns, lower(p_query), k, p_prefix;
  END IF;

  IF coalesce(cardinality(best_ids), 0) < k THEN
    -- A small table, or a rare word: the matches through the trigram index, sorted.
    RETURN QUERY EXECUTE format(
      'SELECT (%1$s)::text FROM %2$I
       WHERE organisation_id = current_user_org_id() AND deleted_at IS NULL AND %3$s
       ORDER BY %5$s, length(%4$s), 1
       LIMIT $3',
      id_expr, p_table, conditions, title_expr, rank_expr)
    USING p_patterns, lower(p_query), k, p_prefix;
    RETURN;
  END IF;

  -- 2. The rows that could still beat T: a better rank than T's worst, found by the btree
  -- indexes on lower(id) and lower(title) (OFFSET 0 keeps the planner from the trigram index,
  -- which it would misjudge).
  better := CASE best_ranks[k]
    WHEN 3 THEN format('lower(%1$s) LIKE lower($4) OR lower(%2$s) LIKE lower($4)', id_expr, title_expr)
    WHEN 2 THEN format('lower(%1$s) = $2 OR lower(%2$s) = $2', id_expr, title_expr)
    WHEN 1 THEN format('lower(%1$s) = $2', id_expr)
  END;
  IF better IS NULL THEN
    RETURN QUERY SELECT unnest(best_ids);
    RETURN;
  END IF;
  -- 3. The best k of both.
  RETURN QUERY EXECUTE format(
    'SELECT c.i FROM (
       (SELECT (%1$s)::text AS i, %5$s AS r, length(%4$s) AS l
        FROM (SELECT * FROM %2$I
              WHERE organisation_id = current_user_org_id() AND deleted_at IS NULL AND (%6$s)
              OFFSET 0) starting
        WHERE %3$s
        ORDER BY 2, 3, 1 LIMIT $3)
       UNION
       SELECT * FROM unnest($5::text[], $6::integer[], $7::integer[])
     ) c
     ORDER BY c.r, c.l, c.i LIMIT $3',
    id_expr, p_table, conditions, title_expr, rank_expr, better)
  USING p_patterns, lower(p_query), k, p_prefix, best_ids, best_ranks, best_lengths;
END;
$$;
--> statement-breakpoint

-- The header's inbox count at scale L. Every page's layout counts the member's unread inbox entries
-- (v_inbox_entries, 0036). Its release branch joined v_release_verdict whole and only then kept the
-- releases the member reviews or watches: the verdict of all 2,008 releases and their 20,040
-- standard assignments was computed on every page, 118–202 ms (the audit page's render at scale L
-- was 250–311 ms, its own reads 12–28 ms). The verdict is now computed per release, for the
-- releases the member reviews or watches: a LATERAL subquery on the view's grouping columns whose
-- role-and-watch condition names no column of its own, so PostgreSQL checks it first, once per
-- release, as a gate (OFFSET 0 keeps the subquery per release): 0.4 ms for a member who reviews none.
-- The rows are the same; the rest of the view is 0036's text.
CREATE OR REPLACE VIEW v_inbox_entries WITH (security_invoker = true) AS
SELECT e.organisation_id, e.user_id, e.entry_key, e.kind, e.link_kind, e.link_id, e.title, e.detail, e.occurred_at, r.read_at
FROM (
  -- Open blockers on the roadmap items a person owns (a lapsed lease's builder_stall blocker among them).
  SELECT m.organisation_id, m.user_id, 'blocker:' || b.id AS entry_key, 'blocker' AS kind,
         'blocker' AS link_kind, b.id AS link_id, coalesce(b.title, b.description) AS title,
         CASE WHEN b.classification = 'builder_stall' THEN 'A builder went silent on your item ' ELSE 'Blocks your item ' END
           || i.id || ' · ' || i.title AS detail,
         b.detected_at AS occurred_at
  FROM memberships m
  JOIN roadmap_items i ON i.organisation_id = m.organisation_id AND i.owner = 'user:' || m.user_id AND i.deleted_at IS NULL
  JOIN blockers b ON b.organisation_id = i.organisation_id AND b.work_id = i.id AND b.resolved_at IS NULL AND b.deleted_at IS NULL
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- Open blockers escalated to a person.
  SELECT m.organisation_id, m.user_id, 'escalation:' || b.id || ':' || floor(extract(epoch FROM b.escalated_at))::bigint,
         'escalation', 'blocker', b.id, coalesce(b.title, b.description),
         'Escalated to you' || coalesce(' · ' || b.work_id, ''), b.escalated_at
  FROM memberships m
  JOIN blockers b ON b.organisation_id = m.organisation_id AND b.escalated_to = 'user:' || m.user_id
   AND b.resolved_at IS NULL AND b.deleted_at IS NULL
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- A person's own work that is blocked.
  SELECT m.organisation_id, m.user_id, 'blocked:' || i.id || ':' || i.row_version, 'blocked_work', 'roadmap', i.id, i.title,
         'Your item is blocked', i.updated_at
  FROM memberships m
  JOIN roadmap_items i ON i.organisation_id = m.organisation_id AND i.owner = 'user:' || m.user_id
   AND i.status_key = 'blocked' AND i.deleted_at IS NULL
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- Reviews assigned to a person on open items.
  SELECT m.organisation_id, m.user_id, 'review:' || a.id, 'review', 'roadmap', i.id, i.title,
         'Review assigned to you', a.assigned_at
  FROM memberships m
  JOIN roadmap_assignments a ON a.organisation_id = m.organisation_id AND a.agent_id = 'user:' || m.user_id
   AND a.role = 'reviewer' AND a.status IN ('assigned', 'active')
  JOIN roadmap_items i ON i.organisation_id = a.organisation_id AND i.id = a.item_id
   AND i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- Unpublished releases whose verdict (v_release_verdict, never recomputed) is Blocked or Not
  -- ready, for the members who review them: every member with the reviewer role, and whoever
  -- watches the release.
  SELECT m.organisation_id, m.user_id, 'release:' || rel.id || ':' || v.verdict, 'release', 'release', rel.id,
         inbox_entity_title(rel.organisation_id, 'releases', rel.id),
         CASE v.verdict WHEN 'blocked' THEN 'Blocked' ELSE 'Not ready' END, rel.updated_at
  FROM memberships m
  JOIN releases rel ON rel.organisation_id = m.organisation_id AND rel.deleted_at IS NULL AND rel.published_at IS NULL
  JOIN LATERAL (
    -- The member's role and watch first, as a gate on the subquery: no verdict is computed
    -- for a release the member neither reviews nor watches.
    SELECT rv.verdict FROM v_release_verdict rv
    WHERE (m.role = 'reviewer' OR EXISTS (
            SELECT 1 FROM watches w
            WHERE w.organisation_id = m.organisation_id AND w.user_id = m.user_id AND w.entity_type = 'releases'
              AND w.entity_id = rel.id AND w.deleted_at IS NULL))
      AND rv.organisation_id = rel.organisation_id AND rv.release_id = rel.id
    OFFSET 0
  ) v ON v.verdict IN ('blocked', 'not_ready')
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- The newest change someone else made to an item a person watches, since they began watching.
  SELECT w.organisation_id, w.user_id, 'watched:' || w.entity_type || ':' || w.entity_id || ':' || c.seq, 'watched',
         CASE w.entity_type WHEN 'programs' THEN 'program' WHEN 'products' THEN 'product' WHEN 'features' THEN 'feature'
           WHEN 'bugs' THEN 'bug' WHEN 'releases' THEN 'release' WHEN 'change_requests' THEN 'cr' ELSE 'roadmap' END,
         w.entity_id, coalesce(inbox_entity_title(w.organisation_id, w.entity_type, w.entity_id), w.entity_id),
         CASE c.op WHEN 'insert' THEN 'Created' WHEN 'delete' THEN 'Deleted' ELSE 'Changed' END, c.changed_at
  FROM watches w
  JOIN memberships m ON m.organisation_id = w.organisation_id AND m.user_id = w.user_id AND m.deleted_at IS NULL
  JOIN LATERAL (
    SELECT cl.seq, cl.op, cl.changed_at
    FROM change_log cl
    WHERE cl.organisation_id = w.organisation_id AND cl.entity_type = w.entity_type AND cl.entity_id = w.entity_id
      AND cl.changed_at > w.created_at AND cl.actor <> 'user:' || w.user_id
    ORDER BY cl.seq DESC
    LIMIT 1
  ) c ON true
  WHERE w.deleted_at IS NULL
) e
LEFT JOIN inbox_reads r ON r.organisation_id = e.organisation_id AND r.user_id = e.user_id AND r.entry_key = e.entry_key;
