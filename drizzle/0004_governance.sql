CREATE TABLE "charter_docs" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"doc_type_key" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"content_hash" text NOT NULL,
	"file_path" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "charter_docs_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "compliance_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "compliance_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"standard_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"release_id" text,
	"result" text NOT NULL,
	"result_value" text,
	"error_message" text,
	"checked_by" text NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_results_result_check" CHECK ("compliance_results"."result" IN ('pass', 'fail', 'skip', 'error'))
);
--> statement-breakpoint
CREATE TABLE "standard_assignments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standard_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"standard_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"is_inherited" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standard_assignments_standard_entity_key" UNIQUE("organisation_id","standard_id","entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "standards" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"doc_path" text,
	"level_key" text NOT NULL,
	"check_type_key" text NOT NULL,
	"check_command" text,
	"check_pattern" text,
	"threshold_min" double precision,
	"threshold_max" double precision,
	"failure_message" text NOT NULL,
	"is_blocking" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "standards_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "standards_threshold_range_check" CHECK ("standards"."threshold_min" IS NULL OR "standards"."threshold_max" IS NULL OR "standards"."threshold_min" <= "standards"."threshold_max")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"claim_text" text NOT NULL,
	"page" text NOT NULL,
	"claim_type" text NOT NULL,
	"test_file" text,
	"test_function" text,
	"test_status" text DEFAULT 'pending' NOT NULL,
	"last_verified_at" timestamp with time zone,
	"product_id" text,
	"release_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "claims_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "claims_claim_text_check" CHECK (char_length("claims"."claim_text") >= 5),
	CONSTRAINT "claims_claim_type_check" CHECK ("claims"."claim_type" IN ('quantitative', 'qualitative')),
	CONSTRAINT "claims_test_status_check" CHECK ("claims"."test_status" IN ('pending', 'pass', 'fail', 'stale')),
	CONSTRAINT "claims_quantitative_test_check" CHECK ("claims"."claim_type" <> 'quantitative' OR "claims"."test_function" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "deploy_gates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deploy_gates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"target" text NOT NULL,
	"product_id" text,
	"release_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deployment_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deployment_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"target" text NOT NULL,
	"version" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"triggered_by" text,
	"product_id" text,
	"release_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "deployment_events_status_check" CHECK ("deployment_events"."status" IN ('pending', 'in_progress', 'success', 'failed', 'blocked'))
);
--> statement-breakpoint
CREATE TABLE "circuit_breakers" (
	"name" text PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'closed' NOT NULL,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"success_count" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"failure_threshold" integer DEFAULT 5 NOT NULL,
	"recovery_timeout_seconds" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "circuit_breakers_state_check" CHECK ("circuit_breakers"."state" IN ('closed', 'open', 'half_open')),
	CONSTRAINT "circuit_breakers_counts_check" CHECK ("circuit_breakers"."failure_count" >= 0 AND "circuit_breakers"."success_count" >= 0),
	CONSTRAINT "circuit_breakers_failure_threshold_check" CHECK ("circuit_breakers"."failure_threshold" > 0),
	CONSTRAINT "circuit_breakers_recovery_timeout_check" CHECK ("circuit_breakers"."recovery_timeout_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "extension_points" (
	"point_name" text NOT NULL,
	"handler_id" text NOT NULL,
	"handler_type" text NOT NULL,
	"handler_path" text,
	"priority" integer DEFAULT 50 NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "extension_points_pkey" PRIMARY KEY("point_name","handler_id"),
	CONSTRAINT "extension_points_handler_type_check" CHECK ("extension_points"."handler_type" IN ('builtin', 'plugin', 'hook'))
);
--> statement-breakpoint
CREATE TABLE "health_check_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "health_check_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"check_name" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"details" jsonb,
	"duration_ms" double precision,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "health_check_results_status_check" CHECK ("health_check_results"."status" IN ('pass', 'warn', 'fail')),
	CONSTRAINT "health_check_results_duration_check" CHECK ("health_check_results"."duration_ms" IS NULL OR "health_check_results"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "metrics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"timestamp" timestamp with time zone NOT NULL,
	"operation" text NOT NULL,
	"elapsed_ms" double precision NOT NULL,
	"is_success" boolean DEFAULT true NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "metrics_elapsed_ms_check" CHECK ("metrics"."elapsed_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resource_quotas" (
	"resource_type" text PRIMARY KEY NOT NULL,
	"soft_limit" integer NOT NULL,
	"hard_limit" integer NOT NULL,
	"current_usage" integer DEFAULT 0 NOT NULL,
	"last_warning_at" timestamp with time zone,
	"last_reset_at" timestamp with time zone,
	"reset_interval_hours" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "resource_quotas_soft_limit_check" CHECK ("resource_quotas"."soft_limit" >= 0),
	CONSTRAINT "resource_quotas_hard_limit_check" CHECK ("resource_quotas"."hard_limit" >= "resource_quotas"."soft_limit"),
	CONSTRAINT "resource_quotas_current_usage_check" CHECK ("resource_quotas"."current_usage" >= 0),
	CONSTRAINT "resource_quotas_reset_interval_check" CHECK ("resource_quotas"."reset_interval_hours" IS NULL OR "resource_quotas"."reset_interval_hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "detected_patterns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "detected_patterns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"pattern_type" text NOT NULL,
	"pattern_value" text NOT NULL,
	"confidence" text NOT NULL,
	"detected_from" text,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "detected_patterns_type_value_key" UNIQUE("organisation_id","pattern_type","pattern_value"),
	CONSTRAINT "detected_patterns_confidence_check" CHECK ("detected_patterns"."confidence" IN ('high', 'medium', 'low'))
);
--> statement-breakpoint
CREATE TABLE "ground_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ground_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"rule_type" text NOT NULL,
	"rule_value" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "ground_rules_type_value_key" UNIQUE("organisation_id","rule_type","rule_value"),
	CONSTRAINT "ground_rules_source_check" CHECK ("ground_rules"."source" IN ('default', 'user_defined', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("organisation_id","key"),
	CONSTRAINT "idempotency_keys_status_check" CHECK ("idempotency_keys"."status" IN ('pending', 'complete', 'failed')),
	CONSTRAINT "idempotency_keys_expires_check" CHECK ("idempotency_keys"."expires_at" > "idempotency_keys"."created_at")
);
--> statement-breakpoint
CREATE TABLE "learned_patterns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learned_patterns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"pattern_type" text NOT NULL,
	"pattern_value" text NOT NULL,
	"learned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"frequency" integer DEFAULT 1 NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "learned_patterns_type_value_key" UNIQUE("organisation_id","pattern_type","pattern_value"),
	CONSTRAINT "learned_patterns_source_check" CHECK ("learned_patterns"."source" IN ('detection', 'user_input', 'observation')),
	CONSTRAINT "learned_patterns_frequency_check" CHECK ("learned_patterns"."frequency" >= 1)
);
--> statement-breakpoint
CREATE TABLE "preferences" (
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "preferences_pkey" PRIMARY KEY("organisation_id","key"),
	CONSTRAINT "preferences_source_check" CHECK ("preferences"."source" IN ('cli', 'config_file', 'learned'))
);
--> statement-breakpoint
CREATE TABLE "session_cache_state" (
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "session_cache_state_pkey" PRIMARY KEY("organisation_id","key")
);
--> statement-breakpoint
CREATE TABLE "session_event_cache" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "session_event_cache_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"type" text NOT NULL,
	"timestamp" timestamp with time zone,
	"content_preview" text,
	"content_hash" text,
	"tool_name" text,
	"token_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "session_event_cache_session_sequence_key" UNIQUE("organisation_id","session_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "session_file_cache" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"source" text NOT NULL,
	"file_path" text NOT NULL,
	"file_hash" text NOT NULL,
	"file_mtime_ns" bigint NOT NULL,
	"file_size_bytes" bigint NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"project_path" text,
	"model" text,
	"total_turns" integer,
	"total_tokens" bigint,
	"last_action" text DEFAULT '' NOT NULL,
	"has_completion" boolean DEFAULT false NOT NULL,
	"parse_error" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "session_file_cache_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "session_file_cache_file_path_key" UNIQUE("organisation_id","file_path"),
	CONSTRAINT "session_file_cache_status_check" CHECK ("session_file_cache"."status" IN ('active', 'archived', 'corrupted', 'partial', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"commands_run" integer DEFAULT 0 NOT NULL,
	"learnings_captured" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "sessions_commands_run_check" CHECK ("sessions"."commands_run" >= 0),
	CONSTRAINT "sessions_learnings_captured_check" CHECK ("sessions"."learnings_captured" >= 0),
	CONSTRAINT "sessions_ended_check" CHECK ("sessions"."ended_at" IS NULL OR "sessions"."ended_at" >= "sessions"."started_at")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"organisation_id" uuid NOT NULL,
	"skill_name" text NOT NULL,
	"unlocked_at" timestamp with time zone,
	"progress_count" integer DEFAULT 0 NOT NULL,
	"unlock_threshold" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "skills_pkey" PRIMARY KEY("organisation_id","skill_name"),
	CONSTRAINT "skills_progress_count_check" CHECK ("skills"."progress_count" >= 0),
	CONSTRAINT "skills_unlock_threshold_check" CHECK ("skills"."unlock_threshold" >= 0)
);
--> statement-breakpoint
ALTER TABLE "charter_docs" ADD CONSTRAINT "charter_docs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_results" ADD CONSTRAINT "compliance_results_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_results" ADD CONSTRAINT "compliance_results_standard_fk" FOREIGN KEY ("organisation_id","standard_id") REFERENCES "public"."standards"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_results" ADD CONSTRAINT "compliance_results_release_fk" FOREIGN KEY ("organisation_id","release_id") REFERENCES "public"."releases"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_assignments" ADD CONSTRAINT "standard_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_assignments" ADD CONSTRAINT "standard_assignments_standard_fk" FOREIGN KEY ("organisation_id","standard_id") REFERENCES "public"."standards"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standards" ADD CONSTRAINT "standards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_release_fk" FOREIGN KEY ("organisation_id","release_id") REFERENCES "public"."releases"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_gates" ADD CONSTRAINT "deploy_gates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_gates" ADD CONSTRAINT "deploy_gates_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_gates" ADD CONSTRAINT "deploy_gates_release_fk" FOREIGN KEY ("organisation_id","release_id") REFERENCES "public"."releases"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_events" ADD CONSTRAINT "deployment_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_events" ADD CONSTRAINT "deployment_events_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_events" ADD CONSTRAINT "deployment_events_release_fk" FOREIGN KEY ("organisation_id","release_id") REFERENCES "public"."releases"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "detected_patterns" ADD CONSTRAINT "detected_patterns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ground_rules" ADD CONSTRAINT "ground_rules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learned_patterns" ADD CONSTRAINT "learned_patterns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preferences" ADD CONSTRAINT "preferences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_cache_state" ADD CONSTRAINT "session_cache_state_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_event_cache" ADD CONSTRAINT "session_event_cache_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_event_cache" ADD CONSTRAINT "session_event_cache_session_fk" FOREIGN KEY ("organisation_id","session_id") REFERENCES "public"."session_file_cache"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_file_cache" ADD CONSTRAINT "session_file_cache_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "charter_docs_active_type_key" ON "charter_docs" USING btree ("organisation_id","doc_type_key") WHERE is_active AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "charter_docs_type_version_live_idx" ON "charter_docs" USING btree ("organisation_id","doc_type_key","version") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "compliance_results_release_standard_idx" ON "compliance_results" USING btree ("organisation_id","release_id","standard_id","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "compliance_results_standard_idx" ON "compliance_results" USING btree ("organisation_id","standard_id","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "compliance_results_entity_idx" ON "compliance_results" USING btree ("organisation_id","entity_type","entity_id","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "standard_assignments_entity_idx" ON "standard_assignments" USING btree ("organisation_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "standards_level_live_idx" ON "standards" USING btree ("organisation_id","level_key","sort_order") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "claims_status_live_idx" ON "claims" USING btree ("organisation_id","test_status") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "claims_product_live_idx" ON "claims" USING btree ("organisation_id","product_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "claims_release_live_idx" ON "claims" USING btree ("organisation_id","release_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "deploy_gates_scope_live_key" ON "deploy_gates" USING btree ("organisation_id","target",coalesce(product_id, ''),coalesce(release_id, '')) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "deployment_events_created_idx" ON "deployment_events" USING btree ("organisation_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deployment_events_product_idx" ON "deployment_events" USING btree ("organisation_id","product_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deployment_events_release_idx" ON "deployment_events" USING btree ("organisation_id","release_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "health_check_results_name_checked_idx" ON "health_check_results" USING btree ("check_name","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "health_check_results_checked_idx" ON "health_check_results" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "metrics_operation_timestamp_idx" ON "metrics" USING btree ("operation","timestamp" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "metrics_created_at_idx" ON "metrics" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "metrics_updated_at_idx" ON "metrics" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "metrics_deleted_at_idx" ON "metrics" USING btree ("deleted_at");--> statement-breakpoint
CREATE INDEX "detected_patterns_detected_idx" ON "detected_patterns" USING btree ("organisation_id","detected_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "learned_patterns_frequency_idx" ON "learned_patterns" USING btree ("organisation_id","pattern_type","frequency" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "session_event_cache_type_idx" ON "session_event_cache" USING btree ("organisation_id","type");--> statement-breakpoint
CREATE INDEX "session_file_cache_mtime_idx" ON "session_file_cache" USING btree ("organisation_id","file_mtime_ns");--> statement-breakpoint
CREATE INDEX "session_file_cache_project_idx" ON "session_file_cache" USING btree ("organisation_id","project_path");--> statement-breakpoint
CREATE INDEX "session_file_cache_status_idx" ON "session_file_cache" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "sessions_started_idx" ON "sessions" USING btree ("organisation_id","started_at" DESC NULLS LAST);