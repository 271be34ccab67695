-- A strict order within every board column (issue 12, item 6): no two live items of one column share
-- a rank. Moves computed the mean of the same two neighbours when they ran at once and left ties,
-- which the board then broke by id, differently from what each mover saw.
--
-- 1. Existing ties are broken once, keeping the order the board showed (rank, then key).
-- 2. The indexes the move reads its neighbours by (0025) become unique among live rows, so the
--    database refuses a second live item at an (organisation, column, rank). Not deferrable:
--    PostgreSQL refuses ON CONFLICT DO NOTHING on a table with a deferrable constraint, and the
--    seeds use it; a move that spreads a run of cards therefore never passes through a tie.
-- 3. An item entering a column without choosing its rank (an insert, a status change made
--    elsewhere than the board, an undelete) takes a place after the column's last card when its
--    rank is taken there; a writer who sets the rank with the status keeps it (the index judges it).
-- The board's move itself (lib/board/move.ts) takes an advisory lock on the columns it leaves and
-- enters, so that concurrent moves into one place take turns instead of colliding.

CREATE FUNCTION board_rank_break_ties(table_name text, key_column text, status_column text, rank_column text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'WITH tied AS (
       SELECT organisation_id, %3$I AS status FROM %1$I WHERE deleted_at IS NULL
       GROUP BY organisation_id, %3$I, %4$I HAVING count(*) > 1
     ), renumbered AS (
       SELECT t.ctid AS row_id,
              row_number() OVER (PARTITION BY t.organisation_id, t.%3$I ORDER BY t.%4$I, t.%2$I) * 1024 AS new_rank
       FROM %1$I t JOIN (SELECT DISTINCT organisation_id, status FROM tied) c
         ON c.organisation_id = t.organisation_id AND c.status = t.%3$I
       WHERE t.deleted_at IS NULL
     )
     UPDATE %1$I t SET %4$I = r.new_rank FROM renumbered r WHERE t.ctid = r.row_id',
    table_name, key_column, status_column, rank_column);
END;
$$;
--> statement-breakpoint
SELECT board_rank_break_ties('change_requests', 'id', 'status_key', 'board_rank');
--> statement-breakpoint
SELECT board_rank_break_ties('roadmap_items', 'id', 'status_key', 'board_rank');
--> statement-breakpoint
SELECT board_rank_break_ties('bugs', 'id', 'status_key', 'board_rank');
--> statement-breakpoint
SELECT board_rank_break_ties('tasks', 'task_id', 'state', 'board_rank');
--> statement-breakpoint
SELECT board_rank_break_ties('card', 'id', 'status', 'rank');
--> statement-breakpoint
DROP FUNCTION board_rank_break_ties(text, text, text, text);
--> statement-breakpoint

DROP INDEX "tasks_state_rank_live_idx";--> statement-breakpoint
DROP INDEX "card_status_rank_live_idx";--> statement-breakpoint
DROP INDEX "bugs_status_rank_live_idx";--> statement-breakpoint
DROP INDEX "change_requests_status_rank_live_idx";--> statement-breakpoint
DROP INDEX "roadmap_items_status_board_rank_live_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_state_rank_live_idx" ON "tasks" USING btree ("organisation_id","state","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "card_status_rank_live_idx" ON "card" USING btree ("organisation_id","status","rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bugs_status_rank_live_idx" ON "bugs" USING btree ("organisation_id","status_key","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_status_rank_live_idx" ON "change_requests" USING btree ("organisation_id","status_key","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_items_status_board_rank_live_idx" ON "roadmap_items" USING btree ("organisation_id","status_key","board_rank") WHERE deleted_at IS NULL;
--> statement-breakpoint

-- TG_ARGV: the status column, the rank column. Called only when the row is live and its rank was
-- not chosen with the change (the triggers' WHEN).
CREATE FUNCTION board_rank_make_room() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  status_value text := to_jsonb(NEW) ->> TG_ARGV[0];
  rank_value float8 := (to_jsonb(NEW) ->> TG_ARGV[1])::float8;
  taken boolean;
  last_rank float8;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE organisation_id = $1 AND %I = $2 AND %I = $3 AND deleted_at IS NULL)',
                 TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1])
    INTO taken USING NEW.organisation_id, status_value, rank_value;
  IF NOT taken THEN
    RETURN NEW;
  END IF;
  EXECUTE format('SELECT max(%I) FROM %I WHERE organisation_id = $1 AND %I = $2 AND deleted_at IS NULL',
                 TG_ARGV[1], TG_TABLE_NAME, TG_ARGV[0])
    INTO last_rank USING NEW.organisation_id, status_value;
  RETURN jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[1], last_rank + 1024));
END;
$$;
--> statement-breakpoint
CREATE TRIGGER change_requests_board_rank_insert BEFORE INSERT ON change_requests
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION board_rank_make_room('status_key', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER change_requests_board_rank_enter BEFORE UPDATE OF status_key, deleted_at ON change_requests
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL AND (NEW.status_key IS DISTINCT FROM OLD.status_key OR OLD.deleted_at IS NOT NULL)
                     AND NEW.board_rank = OLD.board_rank)
  EXECUTE FUNCTION board_rank_make_room('status_key', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER roadmap_items_board_rank_insert BEFORE INSERT ON roadmap_items
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION board_rank_make_room('status_key', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER roadmap_items_board_rank_enter BEFORE UPDATE OF status_key, deleted_at ON roadmap_items
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL AND (NEW.status_key IS DISTINCT FROM OLD.status_key OR OLD.deleted_at IS NOT NULL)
                     AND NEW.board_rank = OLD.board_rank)
  EXECUTE FUNCTION board_rank_make_room('status_key', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER bugs_board_rank_insert BEFORE INSERT ON bugs
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION board_rank_make_room('status_key', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER bugs_board_rank_enter BEFORE UPDATE OF status_key, deleted_at ON bugs
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL AND (NEW.status_key IS DISTINCT FROM OLD.status_key OR OLD.deleted_at IS NOT NULL)
                     AND NEW.board_rank = OLD.board_rank)
  EXECUTE FUNCTION board_rank_make_room('status_key', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER tasks_board_rank_insert BEFORE INSERT ON tasks
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION board_rank_make_room('state', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER tasks_board_rank_enter BEFORE UPDATE OF state, deleted_at ON tasks
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL AND (NEW.state IS DISTINCT FROM OLD.state OR OLD.deleted_at IS NOT NULL)
                     AND NEW.board_rank = OLD.board_rank)
  EXECUTE FUNCTION board_rank_make_room('state', 'board_rank');
--> statement-breakpoint
CREATE TRIGGER card_board_rank_insert BEFORE INSERT ON card
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION board_rank_make_room('status', 'rank');
--> statement-breakpoint
CREATE TRIGGER card_board_rank_enter BEFORE UPDATE OF status, deleted_at ON card
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL AND (NEW.status IS DISTINCT FROM OLD.status OR OLD.deleted_at IS NOT NULL)
                     AND NEW.rank = OLD.rank)
  EXECUTE FUNCTION board_rank_make_room('status', 'rank');
