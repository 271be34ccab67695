ALTER TABLE "compliance_results" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "compliance_results" ADD COLUMN "evidence_url" text;