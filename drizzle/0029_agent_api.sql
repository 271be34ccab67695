CREATE TABLE "builder_capabilities" (
	"organisation_id" uuid NOT NULL,
	"builder_id" text NOT NULL,
	"capability_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "builder_capabilities_pkey" PRIMARY KEY("organisation_id","builder_id","capability_id"),
	CONSTRAINT "builder_capabilities_capability_format" CHECK ("builder_capabilities"."capability_id" ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$')
);
--> statement-breakpoint
ALTER TABLE "attempts" DROP CONSTRAINT "attempts_outcome_check";--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "builder_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "builder_capabilities" ADD CONSTRAINT "builder_capabilities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builder_capabilities" ADD CONSTRAINT "builder_capabilities_builder_fk" FOREIGN KEY ("organisation_id","builder_id") REFERENCES "public"."builders"("organisation_id","builder_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_live_idx" ON "api_tokens" USING btree ("organisation_id","user_id") WHERE revoked_at IS NULL AND user_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_outcome_check" CHECK ("attempts"."outcome" IN ('completed', 'blocked', 'failed', 'handed_off', 'timed_out'));--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_holder_check" CHECK (num_nonnulls("api_tokens"."builder_id", "api_tokens"."user_id") = 1);