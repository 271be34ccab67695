DROP INDEX "project_updated_at_live_idx";--> statement-breakpoint
DROP INDEX "change_requests_created_live_idx";--> statement-breakpoint
DROP INDEX "audit_log_organisation_timestamp_idx";--> statement-breakpoint
CREATE INDEX "project_updated_at_live_idx" ON "project" USING btree ("organisation_id","updated_at" DESC NULLS FIRST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_created_live_idx" ON "change_requests" USING btree ("organisation_id","created_at" DESC NULLS FIRST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "audit_log_organisation_timestamp_idx" ON "audit_log" USING btree ("organisation_id","timestamp" DESC NULLS FIRST);