CREATE SEQUENCE "public"."work_item_rank_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "board_rank" double precision DEFAULT (nextval('work_item_rank_seq') * 1024)::float8 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "card" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "card" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "bugs" ADD COLUMN "board_rank" double precision DEFAULT (nextval('work_item_rank_seq') * 1024)::float8 NOT NULL;--> statement-breakpoint
ALTER TABLE "bugs" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "bugs" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "board_rank" double precision DEFAULT (nextval('work_item_rank_seq') * 1024)::float8 NOT NULL;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD COLUMN "board_rank" double precision DEFAULT (nextval('work_item_rank_seq') * 1024)::float8 NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_board_live_idx" ON "tasks" USING btree ("organisation_id","wave_id","state","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_updated_idx" ON "tasks" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "card_updated_idx" ON "card" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "bugs_board_live_idx" ON "bugs" USING btree ("organisation_id","feature_id","status_key","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "bugs_updated_idx" ON "bugs" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "change_requests_board_live_idx" ON "change_requests" USING btree ("organisation_id","product_id","status_key","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_updated_idx" ON "change_requests" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "roadmap_items_program_board_live_idx" ON "roadmap_items" USING btree ("organisation_id","program_id","status_key","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_product_board_live_idx" ON "roadmap_items" USING btree ("organisation_id","product_id","status_key","board_rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_updated_idx" ON "roadmap_items" USING btree ("organisation_id","updated_at");