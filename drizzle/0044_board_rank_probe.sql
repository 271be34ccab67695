-- board_rank_make_room (0028) asks, for every row entering a board column without a rank of its
-- own, whether its rank is already taken in the column. It asked with equality conditions
-- (organisation_id = $1 AND status = $2 AND rank = $3), which every index beginning with
-- (organisation_id, status …) answers as well as the unique (organisation_id, status, rank) index
-- does, as far as the planner can tell when its statistics predate the rows: a table that grew
-- within one transaction (a bulk seed, an import of 10,000 rows) or a status it has not yet seen.
-- It then took roadmap_items_progress_idx or change_requests_status_live_idx and filtered the
-- whole column by rank on every insert: quadratic. Measured on PostgreSQL 15: 5,000 completed
-- roadmap items in one INSERT took 8 s (1.4 ms per probe, reading 5,000 index entries each), and
-- `npm run db:seed -- --scale L` spent minutes in the items step.
--
-- The probe now asks the question only the unique index can answer in order: the first live row
-- at or after (organisation, status, rank), by a row comparison and ORDER BY … LIMIT 1. No other
-- index gives that order, so any other plan must sort the table, which the planner never prefers
-- to one index probe, with or without statistics. The rule is the same: a taken rank moves the
-- row after the column's last card (found the same way, backwards); a free rank is kept.
--
-- The probe of the five board tables is static SQL, so PL/pgSQL keeps its plan for the session
-- instead of planning it again for every row (roadmap_items has sixteen indexes to weigh: about
-- 250 µs of planning per row with EXECUTE). Another table calling the function gets the same
-- probe through EXECUTE.
CREATE OR REPLACE FUNCTION board_rank_make_room() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  status_value text := to_jsonb(NEW) ->> TG_ARGV[0];
  rank_value float8 := (to_jsonb(NEW) ->> TG_ARGV[1])::float8;
  next_org uuid;
  next_status text;
  next_rank float8;
  last_rank float8;
BEGIN
  IF rank_value IS NULL THEN
    RETURN NEW;
  END IF;
  -- The first live row at or after (organisation, status, rank) in the unique index's order.
  IF TG_TABLE_NAME = 'change_requests' THEN
    SELECT organisation_id, status_key, board_rank INTO next_org, next_status, next_rank FROM change_requests
    WHERE (change_requests.organisation_id, change_requests.status_key, change_requests.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND change_requests.deleted_at IS NULL
    ORDER BY change_requests.organisation_id, change_requests.status_key, change_requests.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'roadmap_items' THEN
    SELECT organisation_id, status_key, board_rank INTO next_org, next_status, next_rank FROM roadmap_items
    WHERE (roadmap_items.organisation_id, roadmap_items.status_key, roadmap_items.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND roadmap_items.deleted_at IS NULL
    ORDER BY roadmap_items.organisation_id, roadmap_items.status_key, roadmap_items.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'bugs' THEN
    SELECT organisation_id, status_key, board_rank INTO next_org, next_status, next_rank FROM bugs
    WHERE (bugs.organisation_id, bugs.status_key, bugs.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND bugs.deleted_at IS NULL
    ORDER BY bugs.organisation_id, bugs.status_key, bugs.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'tasks' THEN
    SELECT organisation_id, state, board_rank INTO next_org, next_status, next_rank FROM tasks
    WHERE (tasks.organisation_id, tasks.state, tasks.board_rank) >= (NEW.organisation_id, status_value, rank_value) AND tasks.deleted_at IS NULL
    ORDER BY tasks.organisation_id, tasks.state, tasks.board_rank LIMIT 1;
  ELSIF TG_TABLE_NAME = 'card' THEN
    SELECT organisation_id, status, rank INTO next_org, next_status, next_rank FROM card
    WHERE (card.organisation_id, card.status, card.rank) >= (NEW.organisation_id, status_value, rank_value) AND card.deleted_at IS NULL
    ORDER BY card.organisation_id, card.status, card.rank LIMIT 1;
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
  -- Taken: the column's last rank, the last live row at or before (organisation, status).
  EXECUTE format('SELECT %3$I FROM %1$I
                  WHERE (organisation_id, %2$I) <= ($1, $2) AND deleted_at IS NULL
                  ORDER BY organisation_id DESC, %2$I DESC, %3$I DESC LIMIT 1',
                 TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1])
    INTO last_rank USING NEW.organisation_id, status_value;
  RETURN jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[1], last_rank + 1024));
END;
$$;
