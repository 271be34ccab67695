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
