-- Indexes that the page queries need at scale L (docs/schema-map/scale.md, "Query plans at
-- scale L"), found with `npm run db:explain` on a database filled by `npm run db:seed -- --scale L`.
-- Statements are separated by drizzle's breakpoint marker because PGlite runs one per query.

-- The blocked queue's candidates in id order. v_blocked_items groups by (organisation_id, id),
-- so a "first 100" walks items in id order; with ids given in creation order the oldest items
-- (mostly completed) come first, and the primary key walked ~55,000 finished items before the
-- first open one (107 ms at scale L). Open items alone: 52-66 ms with the view as it is (its
-- merge join still reads the edges from the lowest id), 6 ms with the LATERAL form that
-- docs/schema-map/scale.md proposes for the view.
CREATE INDEX roadmap_items_open_id_idx ON roadmap_items (organisation_id, id)
  WHERE deleted_at IS NULL AND status_key NOT IN ('completed', 'deferred');
--> statement-breakpoint

-- A change-request board column: one status, newest first. change_requests_status_live_idx
-- finds the status but not the order (a sort of every row of the status, or a sequential scan
-- for the common ones); this reads the first 100 in order. Plain DESC, the order of
-- `ORDER BY created_at DESC`.
CREATE INDEX change_requests_status_created_live_idx ON change_requests (organisation_id, status_key, created_at DESC)
  WHERE deleted_at IS NULL;
--> statement-breakpoint

-- Roadmap progress counts every live item of an organisation by phase and status. The heap is
-- wide (titles, descriptions), so the planner scanned it whole (50-65 ms at scale L); this
-- narrow index answers the count by an index-only scan (24-34 ms, 592 kB against 18 MB).
CREATE INDEX roadmap_items_progress_idx ON roadmap_items (organisation_id, phase_key, status_key)
  WHERE deleted_at IS NULL;
