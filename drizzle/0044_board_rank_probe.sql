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
