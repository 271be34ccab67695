-- Issue 19: a board move in one database call. board_move_item does what lib/board/move.ts did in
-- eight to twelve statements, in the same order and under the same rules:
--  1. the target column must be a term of the kind's status domain (else GB422);
--  2. the columns the card leaves and enters are locked (transaction advisory locks, in sorted
--     order, the same keys as before), so moves into one place take turns and each reads its
--     neighbours after the previous one has written (the strict order of "Governance a manager
--     can trust"); the unique indexes of migration 0028 still refuse any tie;
--  3. the item is locked FOR UPDATE; missing or deleted: GB404; a caller without plan:edit
--     (p_any false) may move only an item whose owner is one of p_owners (matched by stable id):
--     GB403, the message naming the owner as the card shows it; another version than the one
--     the mover saw: GB409 (stale). If it moved meanwhile to a third column, that one is locked too;
--  4. its rank goes after the card above (p_before), else before the card below (p_after), else at
--     the top (neither named) or the bottom (both named but gone); when the neighbours are too
--     close for a mean, this card and up to 20 below are spread over the gap to the next card
--     (parked after every card first, so that no rank is ever taken twice);
--  5. status and rank are written in one UPDATE; the tables' triggers decide whether the status
--     change is allowed (their check_violation reaches the caller unchanged).
-- It runs as its caller (gantry_app inside withOrganisation): row-level security applies to
-- every statement. Tables and columns are fixed per kind below; values travel only as parameters.
-- Ranks follow lib/board/rank.ts (RANK_STEP 1024, rankBetween, spreadRanks) exactly.
CREATE FUNCTION board_move_item(p_kind text, p_organisation uuid, p_id text, p_to text, p_before text, p_after text, p_version integer,
                                p_status_domain text, p_any boolean, p_owners jsonb,
                                OUT new_status text, OUT new_rank double precision, OUT new_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  step constant double precision := 1024;
  window_size constant integer := 20;
  t text; k text; s text; r text; o text; cast_to text := '';
  id_ok boolean;
  from_status text;
  locked record;
  owner_label text;
  before_rank double precision;
  after_rank double precision;
  lo double precision;
  hi double precision;
  mid double precision;
  enter boolean;
  run_ids text[];
  run_ranks double precision[];
  ceiling double precision;
  n integer;
  spread double precision[];
  top_rank double precision;
  parked text[];
  status_key text;
BEGIN
  CASE p_kind
    WHEN 'cr' THEN t := 'change_requests'; k := 'id'; s := 'status_key'; r := 'board_rank'; o := 'owner';
    WHEN 'roadmap' THEN t := 'roadmap_items'; k := 'id'; s := 'status_key'; r := 'board_rank'; o := 'owner';
    WHEN 'task' THEN t := 'tasks'; k := 'task_id'; s := 'state'; r := 'board_rank'; o := 'assigned_builder'; cast_to := '::uuid';
    WHEN 'card' THEN t := 'card'; k := 'id'; s := 'status'; r := 'rank'; o := NULL; cast_to := '::uuid';
    WHEN 'bug' THEN t := 'bugs'; k := 'id'; s := 'status_key'; r := 'board_rank'; o := 'assigned_to';
    ELSE RAISE EXCEPTION 'There is no % board.', p_kind USING ERRCODE = 'GB422';
  END CASE;

  IF NOT EXISTS (SELECT 1 FROM terminology WHERE domain = p_status_domain AND internal_key = p_to AND deleted_at IS NULL) THEN
    RAISE EXCEPTION '"%" is not a column of this board.', p_to USING ERRCODE = 'GB422';
  END IF;

  -- A malformed uuid names no item (and no neighbour).
  id_ok := cast_to = '' OR p_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

  IF id_ok THEN
    EXECUTE format('SELECT %I FROM %I WHERE organisation_id = $1 AND %I = $2%s AND deleted_at IS NULL', s, t, k, cast_to)
      INTO from_status USING p_organisation, p_id;
  END IF;

  -- The columns, in one order (two moves never wait on each other).
  FOR status_key IN SELECT DISTINCT x COLLATE "C" FROM unnest(ARRAY[from_status, p_to]) AS x WHERE x IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('gantry.board:' || p_kind || ':' || p_organisation || ':' || status_key, 0));
  END LOOP;

  IF id_ok THEN
    EXECUTE format('SELECT %I AS status, row_version AS version, %s AS owner FROM %I WHERE organisation_id = $1 AND %I = $2%s AND deleted_at IS NULL FOR UPDATE',
                   s, coalesce(quote_ident(o), 'NULL::text'), t, k, cast_to)
      INTO locked USING p_organisation, p_id;
  END IF;
  IF NOT id_ok THEN
    RAISE EXCEPTION 'There is no item % on this board any more.', p_id USING ERRCODE = 'GB404';
  ELSIF locked.status IS NULL THEN
    RAISE EXCEPTION 'There is no item % on this board any more.', p_id USING ERRCODE = 'GB404';
  END IF;
  IF NOT p_any AND (locked.owner IS NULL OR NOT p_owners ? locked.owner) THEN
    -- The owner as the card shows it (lib/board/kind-sql.ts, ownerName).
    owner_label := CASE WHEN locked.owner LIKE 'user:%' THEN coalesce((SELECT u.name FROM "user" u WHERE u.id = substr(locked.owner, 6)), 'Former member')
                        WHEN locked.owner LIKE 'agent:%' THEN substr(locked.owner, 7)
                        ELSE locked.owner END;
    RAISE EXCEPTION 'Builders move only the work assigned to them; % is assigned to %.', p_id, coalesce(owner_label, 'nobody') USING ERRCODE = 'GB403';
  END IF;
  IF locked.version <> p_version THEN
    RAISE EXCEPTION 'This card was changed by someone else.' USING ERRCODE = 'GB409';
  END IF;
  -- Moved meanwhile and seen so by the caller: its column now is another one.
  IF from_status IS NOT NULL AND locked.status <> from_status AND locked.status <> p_to THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('gantry.board:' || p_kind || ':' || p_organisation || ':' || locked.status, 0));
  END IF;

  -- Where it lands: after the card above it, else before the card below it, else at the top (no neighbour named) or the bottom.
  IF p_before IS NOT NULL AND (cast_to = '' OR p_before ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') THEN
    EXECUTE format('SELECT %I FROM %I WHERE organisation_id = $1 AND %I = $2%s AND deleted_at IS NULL AND %I = $3', r, t, k, cast_to, s)
      INTO before_rank USING p_organisation, p_before, p_to;
  END IF;
  IF p_after IS NOT NULL AND (cast_to = '' OR p_after ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') THEN
    EXECUTE format('SELECT %I FROM %I WHERE organisation_id = $1 AND %I = $2%s AND deleted_at IS NULL AND %I = $3', r, t, k, cast_to, s)
      INTO after_rank USING p_organisation, p_after, p_to;
  END IF;
  IF before_rank IS NOT NULL THEN
    lo := before_rank;
    EXECUTE format('SELECT %I FROM %I WHERE organisation_id = $1 AND deleted_at IS NULL AND %I = $3 AND NOT (%I = $2%s) AND %I > $4 ORDER BY %I, %I LIMIT 1',
                   r, t, s, k, cast_to, r, r, k)
      INTO hi USING p_organisation, p_id, p_to, lo;
  ELSIF after_rank IS NOT NULL THEN
    hi := after_rank;
    EXECUTE format('SELECT %I FROM %I WHERE organisation_id = $1 AND deleted_at IS NULL AND %I = $3 AND NOT (%I = $2%s) AND %I < $4 ORDER BY %I DESC LIMIT 1',
                   r, t, s, k, cast_to, r, r)
      INTO lo USING p_organisation, p_id, p_to, hi;
  ELSIF p_before IS NULL AND p_after IS NULL THEN
    EXECUTE format('SELECT %I FROM %I WHERE organisation_id = $1 AND deleted_at IS NULL AND %I = $3 AND NOT (%I = $2%s) ORDER BY %I, %I LIMIT 1',
                   r, t, s, k, cast_to, r, k)
      INTO hi USING p_organisation, p_id, p_to;
  ELSE
    -- Both named neighbours left the column meanwhile: the bottom is a safe place.
    EXECUTE format('SELECT max(%I) FROM %I WHERE organisation_id = $1 AND deleted_at IS NULL AND %I = $3 AND NOT (%I = $2%s)', r, t, s, k, cast_to)
      INTO lo USING p_organisation, p_id, p_to;
  END IF;

  -- rankBetween (lib/board/rank.ts).
  IF lo IS NULL AND hi IS NULL THEN new_rank := 0;
  ELSIF lo IS NULL THEN new_rank := hi - step;
  ELSIF hi IS NULL THEN new_rank := lo + step;
  ELSIF NOT (lo < hi) THEN new_rank := NULL;
  ELSE
    mid := lo + (hi - lo) / 2;
    new_rank := CASE WHEN mid > lo AND mid < hi THEN mid END;
  END IF;

  enter := locked.status <> p_to;
  IF new_rank IS NOT NULL THEN
    IF enter THEN
      EXECUTE format('UPDATE %I SET %I = $4, %I = $3 WHERE organisation_id = $1 AND %I = $2%s', t, r, s, k, cast_to) USING p_organisation, p_id, p_to, new_rank;
    ELSE
      EXECUTE format('UPDATE %I SET %I = $4 WHERE organisation_id = $1 AND %I = $2%s AND %I = $3', t, r, k, cast_to, s) USING p_organisation, p_id, p_to, new_rank;
    END IF;
  ELSE
    -- No room between the neighbours (lo is set here): spread this card and the next few over the gap up to the card after them.
    EXECUTE format('SELECT array_agg(id ORDER BY n), array_agg(rank ORDER BY n) FROM (
                      SELECT %I::text AS id, %I AS rank, row_number() OVER (ORDER BY %I, %I) AS n FROM %I
                       WHERE organisation_id = $1 AND deleted_at IS NULL AND %I = $3 AND NOT (%I = $2%s) AND %I > $4
                       ORDER BY %I, %I LIMIT $5) x', k, r, r, k, t, s, k, cast_to, r, r, k)
      INTO run_ids, run_ranks USING p_organisation, p_id, p_to, lo, window_size + 1;
    run_ids := coalesce(run_ids, ARRAY[]::text[]);
    run_ranks := coalesce(run_ranks, ARRAY[]::double precision[]);
    ceiling := CASE WHEN cardinality(run_ids) > window_size THEN run_ranks[window_size + 1] END;
    run_ids := run_ids[1:window_size];
    n := cardinality(run_ids) + 1;
    -- spreadRanks(lo, ceiling, n); lo is never null here.
    IF ceiling IS NULL THEN
      spread := ARRAY(SELECT lo + i * step FROM generate_series(1, n) AS i ORDER BY i);
    ELSE
      spread := ARRAY(SELECT lo + i * ((ceiling - lo) / (n + 1)) FROM generate_series(1, n) AS i ORDER BY i);
    END IF;
    -- The unique index allows no tie even for a moment: first park the run (and the card, if it is
    -- already in this column) after every card and every new rank, then give the new ranks.
    EXECUTE format('SELECT max(%I) FROM %I WHERE organisation_id = $1 AND deleted_at IS NULL AND %I = $3', r, t, s) INTO top_rank USING p_organisation, p_id, p_to;
    top_rank := greatest(coalesce(top_rank, 0), spread[n]);
    parked := run_ids || CASE WHEN enter THEN ARRAY[]::text[] ELSE ARRAY[p_id] END;
    FOR i IN 1 .. cardinality(parked) LOOP
      EXECUTE format('UPDATE %I SET %I = $4 WHERE organisation_id = $1 AND %I = $2%s AND %I = $3', t, r, k, cast_to, s)
        USING p_organisation, parked[i], p_to, top_rank + i * step;
    END LOOP;
    FOR i IN 1 .. cardinality(run_ids) LOOP
      EXECUTE format('UPDATE %I SET %I = $4 WHERE organisation_id = $1 AND %I = $2%s AND %I = $3', t, r, k, cast_to, s)
        USING p_organisation, run_ids[i], p_to, spread[i + 1];
    END LOOP;
    new_rank := spread[1];
    IF enter THEN
      EXECUTE format('UPDATE %I SET %I = $4, %I = $3 WHERE organisation_id = $1 AND %I = $2%s', t, r, s, k, cast_to) USING p_organisation, p_id, p_to, new_rank;
    ELSE
      EXECUTE format('UPDATE %I SET %I = $4 WHERE organisation_id = $1 AND %I = $2%s AND %I = $3', t, r, k, cast_to, s) USING p_organisation, p_id, p_to, new_rank;
    END IF;
  END IF;

  EXECUTE format('SELECT %I, %I, row_version FROM %I WHERE organisation_id = $1 AND %I = $2%s', s, r, t, k, cast_to)
    INTO new_status, new_rank, new_version USING p_organisation, p_id;
END;
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION board_move_item(text, uuid, text, text, text, text, integer, text, boolean, jsonb) TO gantry_app;
