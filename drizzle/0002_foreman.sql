CREATE TABLE "builders" (
	"organisation_id" uuid NOT NULL,
	"builder_id" text NOT NULL,
	"builder_type_key" text NOT NULL,
	"backend_type" text NOT NULL,
	"current_task_id" uuid,
	"state" text NOT NULL,
	"last_heartbeat" timestamp with time zone DEFAULT now() NOT NULL,
	"provenance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "builders_pkey" PRIMARY KEY("organisation_id","builder_id"),
	CONSTRAINT "builders_builder_id_format" CHECK ("builders"."builder_id" ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	CONSTRAINT "builders_backend_type_check" CHECK ("builders"."backend_type" IN ('local', 'hosted', 'burst')),
	CONSTRAINT "builders_state_check" CHECK ("builders"."state" IN ('idle', 'active', 'blocked', 'failed')),
	CONSTRAINT "builders_provenance_is_object" CHECK (jsonb_typeof("builders"."provenance") = 'object')
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"organisation_id" uuid NOT NULL,
	"task_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"name" text NOT NULL,
	"architecture_reference" text NOT NULL,
	"qa_suite_location" text NOT NULL,
	"acceptance_criteria" text NOT NULL,
	"assigned_builder" text,
	"state" text NOT NULL,
	"progress_percentage" integer DEFAULT 0 NOT NULL,
	"evidence_location" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "tasks_pkey" PRIMARY KEY("organisation_id","task_id"),
	CONSTRAINT "tasks_state_check" CHECK ("tasks"."state" IN ('planned', 'assigned', 'in-progress', 'blocked', 'completed', 'failed')),
	CONSTRAINT "tasks_progress_percentage_check" CHECK ("tasks"."progress_percentage" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "waves" (
	"organisation_id" uuid NOT NULL,
	"wave_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"program_id" text NOT NULL,
	"name" text NOT NULL,
	"sequence_number" integer NOT NULL,
	"dependencies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"progress_percentage" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "waves_pkey" PRIMARY KEY("organisation_id","wave_id"),
	CONSTRAINT "waves_state_check" CHECK ("waves"."state" IN ('planned', 'in-progress', 'blocked', 'completed', 'failed')),
	CONSTRAINT "waves_progress_percentage_check" CHECK ("waves"."progress_percentage" BETWEEN 0 AND 100),
	CONSTRAINT "waves_dependencies_is_array" CHECK (jsonb_typeof("waves"."dependencies") = 'array')
);
--> statement-breakpoint
CREATE TABLE "architecture_validations" (
	"organisation_id" uuid NOT NULL,
	"validation_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"architecture_reference" text NOT NULL,
	"validation_results" jsonb NOT NULL,
	"pass_rate" numeric(5, 2) NOT NULL,
	"build_readiness" text NOT NULL,
	"validated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_by" text DEFAULT 'foreman' NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "architecture_validations_pkey" PRIMARY KEY("organisation_id","validation_id"),
	CONSTRAINT "architecture_validations_pass_rate_check" CHECK ("architecture_validations"."pass_rate" BETWEEN 0 AND 100),
	CONSTRAINT "architecture_validations_build_readiness_check" CHECK ("architecture_validations"."build_readiness" IN ('READY', 'NOT_READY'))
);
--> statement-breakpoint
CREATE TABLE "evidence_trail" (
	"organisation_id" uuid NOT NULL,
	"evidence_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"backend" text,
	"model" text,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_trail_pkey" PRIMARY KEY("organisation_id","evidence_id"),
	CONSTRAINT "evidence_trail_entity_type_check" CHECK ("evidence_trail"."entity_type" IN ('program', 'wave', 'task', 'builder')),
	CONSTRAINT "evidence_trail_backend_check" CHECK ("evidence_trail"."backend" IN ('local', 'hosted', 'burst')),
	CONSTRAINT "evidence_trail_context_is_object" CHECK (jsonb_typeof("evidence_trail"."context") = 'object')
);
--> statement-breakpoint
CREATE TABLE "governance_violations" (
	"organisation_id" uuid NOT NULL,
	"violation_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid,
	"builder_id" text,
	"violation_type" text NOT NULL,
	"description" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "governance_violations_pkey" PRIMARY KEY("organisation_id","violation_id")
);
--> statement-breakpoint
CREATE TABLE "heartbeats" (
	"organisation_id" uuid NOT NULL,
	"heartbeat_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"builder_id" text NOT NULL,
	"task_id" uuid,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"progress_percentage" integer,
	CONSTRAINT "heartbeats_pkey" PRIMARY KEY("organisation_id","heartbeat_id"),
	CONSTRAINT "heartbeats_status_check" CHECK ("heartbeats"."status" IN ('active', 'idle', 'blocked')),
	CONSTRAINT "heartbeats_progress_percentage_check" CHECK ("heartbeats"."progress_percentage" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "qa_executions" (
	"organisation_id" uuid NOT NULL,
	"execution_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"qa_suite_location" text NOT NULL,
	"total_tests" integer NOT NULL,
	"passing_tests" integer NOT NULL,
	"failing_tests" integer NOT NULL,
	"skipped_tests" integer NOT NULL,
	"test_debt_count" integer DEFAULT 0 NOT NULL,
	"qa_status" text NOT NULL,
	"executed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"execution_time_ms" integer,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "qa_executions_pkey" PRIMARY KEY("organisation_id","execution_id"),
	CONSTRAINT "qa_executions_qa_status_check" CHECK ("qa_executions"."qa_status" IN ('RED', 'PARTIAL', 'GREEN')),
	CONSTRAINT "qa_executions_counts_check" CHECK ("qa_executions"."total_tests" >= 0 AND "qa_executions"."passing_tests" >= 0 AND "qa_executions"."failing_tests" >= 0 AND "qa_executions"."skipped_tests" >= 0 AND "qa_executions"."test_debt_count" >= 0 AND ("qa_executions"."execution_time_ms" IS NULL OR "qa_executions"."execution_time_ms" >= 0)),
	CONSTRAINT "qa_executions_counts_within_total" CHECK ("qa_executions"."passing_tests" + "qa_executions"."failing_tests" + "qa_executions"."skipped_tests" <= "qa_executions"."total_tests")
);
--> statement-breakpoint
ALTER TABLE "builders" ADD CONSTRAINT "builders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builders" ADD CONSTRAINT "builders_current_task_fk" FOREIGN KEY ("organisation_id","current_task_id") REFERENCES "public"."tasks"("organisation_id","task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_wave_fk" FOREIGN KEY ("organisation_id","wave_id") REFERENCES "public"."waves"("organisation_id","wave_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assigned_builder_fk" FOREIGN KEY ("organisation_id","assigned_builder") REFERENCES "public"."builders"("organisation_id","builder_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_program_fk" FOREIGN KEY ("organisation_id","program_id") REFERENCES "public"."programs"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "architecture_validations" ADD CONSTRAINT "architecture_validations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "architecture_validations" ADD CONSTRAINT "architecture_validations_task_fk" FOREIGN KEY ("organisation_id","task_id") REFERENCES "public"."tasks"("organisation_id","task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_trail" ADD CONSTRAINT "evidence_trail_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_violations" ADD CONSTRAINT "governance_violations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_violations" ADD CONSTRAINT "governance_violations_task_fk" FOREIGN KEY ("organisation_id","task_id") REFERENCES "public"."tasks"("organisation_id","task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_violations" ADD CONSTRAINT "governance_violations_builder_fk" FOREIGN KEY ("organisation_id","builder_id") REFERENCES "public"."builders"("organisation_id","builder_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_builder_fk" FOREIGN KEY ("organisation_id","builder_id") REFERENCES "public"."builders"("organisation_id","builder_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_task_fk" FOREIGN KEY ("organisation_id","task_id") REFERENCES "public"."tasks"("organisation_id","task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_executions" ADD CONSTRAINT "qa_executions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_executions" ADD CONSTRAINT "qa_executions_task_fk" FOREIGN KEY ("organisation_id","task_id") REFERENCES "public"."tasks"("organisation_id","task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "builders_current_task_live_key" ON "builders" USING btree ("organisation_id","current_task_id") WHERE deleted_at IS NULL AND current_task_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "builders_state_live_idx" ON "builders" USING btree ("organisation_id","state") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "builders_last_heartbeat_live_idx" ON "builders" USING btree ("organisation_id","last_heartbeat") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_wave_live_idx" ON "tasks" USING btree ("organisation_id","wave_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_state_live_idx" ON "tasks" USING btree ("organisation_id","state") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_assigned_builder_live_idx" ON "tasks" USING btree ("organisation_id","assigned_builder") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "waves_program_sequence_live_key" ON "waves" USING btree ("organisation_id","program_id","sequence_number") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "waves_state_live_idx" ON "waves" USING btree ("organisation_id","state") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "architecture_validations_task_live_idx" ON "architecture_validations" USING btree ("organisation_id","task_id","validated_at" DESC NULLS FIRST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "evidence_trail_entity_time_idx" ON "evidence_trail" USING btree ("organisation_id","entity_type","entity_id","timestamp" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "evidence_trail_time_idx" ON "evidence_trail" USING btree ("organisation_id","timestamp" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "governance_violations_task_live_idx" ON "governance_violations" USING btree ("organisation_id","task_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "governance_violations_builder_live_idx" ON "governance_violations" USING btree ("organisation_id","builder_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "governance_violations_unresolved_idx" ON "governance_violations" USING btree ("organisation_id","detected_at") WHERE resolved_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "heartbeats_builder_time_idx" ON "heartbeats" USING btree ("organisation_id","builder_id","timestamp" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "heartbeats_task_time_idx" ON "heartbeats" USING btree ("organisation_id","task_id","timestamp" DESC NULLS FIRST) WHERE task_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "qa_executions_task_live_idx" ON "qa_executions" USING btree ("organisation_id","task_id","executed_at" DESC NULLS FIRST) WHERE deleted_at IS NULL;