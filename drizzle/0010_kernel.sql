CREATE TABLE "attempts" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"work_id" text NOT NULL,
	"worker_id" text NOT NULL,
	"worker_type" text NOT NULL,
	"contract_hash" text,
	"context_hash" text,
	"strategy_id" text,
	"role" text,
	"handoff_from_attempt_id" text,
	"handoff_reason" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"outcome" text,
	"notes" text,
	CONSTRAINT "attempts_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "attempts_work_attempt_key" UNIQUE("organisation_id","work_id","id"),
	CONSTRAINT "attempts_worker_type_check" CHECK ("attempts"."worker_type" IN ('agent', 'human', 'system')),
	CONSTRAINT "attempts_outcome_check" CHECK ("attempts"."outcome" IN ('completed', 'blocked', 'failed', 'handed_off')),
	CONSTRAINT "attempts_ended_after_started" CHECK ("attempts"."ended_at" >= "attempts"."started_at")
);
--> statement-breakpoint
CREATE TABLE "compiled_contracts" (
	"organisation_id" uuid NOT NULL,
	"contract_hash" text NOT NULL,
	"compiled_json" jsonb NOT NULL,
	"source_refs_json" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compiled_contracts_pkey" PRIMARY KEY("organisation_id","contract_hash")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"work_id" text NOT NULL,
	"attempt_id" text,
	"lease_id" text,
	"evidence_type" text NOT NULL,
	"uri" text NOT NULL,
	"sha256" text NOT NULL,
	"title" text,
	"description" text,
	"size_bytes" bigint,
	"artifacts" text,
	"test_results" text,
	"diff_summary" text,
	"log_excerpt" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "evidence_evidence_type_check" CHECK ("evidence"."evidence_type" IN ('test_result', 'build_artifact', 'diff', 'log', 'attestation', 'screenshot', 'reference', 'document', 'policy_bundle', 'other')),
	CONSTRAINT "evidence_sha256_check" CHECK ("evidence"."sha256" ~ '^[0-9a-fA-F]{64}$'),
	CONSTRAINT "evidence_size_bytes_check" CHECK ("evidence"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_events" (
	"organisation_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"actor_type" text NOT NULL,
	"source" text NOT NULL,
	"event_type" text NOT NULL,
	"item_id" text,
	"external_id" text,
	"payload" jsonb NOT NULL,
	"expected_version" text,
	"conflict_policy" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"process_result" text,
	CONSTRAINT "plan_events_pkey" PRIMARY KEY("organisation_id","event_id"),
	CONSTRAINT "plan_events_idempotency_key_key" UNIQUE("organisation_id","idempotency_key"),
	CONSTRAINT "plan_events_actor_type_check" CHECK ("plan_events"."actor_type" IN ('user', 'service', 'agent', 'system')),
	CONSTRAINT "plan_events_process_result_check" CHECK ("plan_events"."process_result" IN ('applied', 'rejected', 'conflict'))
);
--> statement-breakpoint
CREATE TABLE "work_required_capabilities" (
	"organisation_id" uuid NOT NULL,
	"work_id" text NOT NULL,
	"capability_id" text NOT NULL,
	"required_at" timestamp with time zone DEFAULT now() NOT NULL,
	"required_by" text,
	CONSTRAINT "work_required_capabilities_pkey" PRIMARY KEY("organisation_id","work_id","capability_id")
);
--> statement-breakpoint
CREATE TABLE "blockers" (
	"organisation_id" uuid NOT NULL,
	"id" text DEFAULT gen_random_uuid()::text NOT NULL,
	"work_id" text,
	"attempt_id" text,
	"program_id" text,
	"wave_id" uuid,
	"task_id" uuid,
	"entity_type" text GENERATED ALWAYS AS (CASE WHEN task_id IS NOT NULL THEN 'task' WHEN wave_id IS NOT NULL THEN 'wave' WHEN program_id IS NOT NULL THEN 'program' END) STORED,
	"entity_id" text GENERATED ALWAYS AS (coalesce(task_id::text, wave_id::text, program_id)) STORED,
	"reason_code" text,
	"classification" text,
	"title" text,
	"description" text,
	"needs" text,
	"severity" text DEFAULT 'blocking',
	"related_planning_item_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	"resolution_action" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "blockers_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "blockers_target_check" CHECK (num_nonnulls(work_id, attempt_id, program_id, wave_id, task_id) >= 1),
	CONSTRAINT "blockers_attempt_has_work" CHECK (attempt_id IS NULL OR work_id IS NOT NULL),
	CONSTRAINT "blockers_kernel_fields" CHECK (work_id IS NULL OR (reason_code IS NOT NULL AND title IS NOT NULL)),
	CONSTRAINT "blockers_foreman_fields" CHECK (num_nonnulls(program_id, wave_id, task_id) = 0 OR (classification IS NOT NULL AND description IS NOT NULL)),
	CONSTRAINT "blockers_reason_code_check" CHECK ("blockers"."reason_code" IN ('missing_approval', 'missing_info', 'missing_dependency', 'missing_resource', 'missing_credential', 'technical_failure', 'external_wait', 'other')),
	CONSTRAINT "blockers_classification_check" CHECK ("blockers"."classification" IN ('architecture_qa_mismatch', 'impossible_requirements', 'protected_path', 'repeated_failures', 'constitutional_violation', 'builder_stall')),
	CONSTRAINT "blockers_severity_check" CHECK ("blockers"."severity" IN ('blocking', 'warning')),
	CONSTRAINT "blockers_escalation_check" CHECK ((escalated_at IS NULL) = (escalated_to IS NULL)),
	CONSTRAINT "blockers_deleted_when_resolved" CHECK (deleted_at IS NULL OR resolved_at IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"work_id" text,
	"attempt_id" text,
	"lease_id" text,
	"blocker_id" text,
	"decision_type" text NOT NULL,
	"decision_summary" text,
	"rationale" text,
	"alternatives_considered" text,
	"constraints" text,
	"subject_hash" text,
	"authority" text DEFAULT 'system' NOT NULL,
	"outcome" text DEFAULT 'recorded' NOT NULL,
	"reason" text,
	"conditions" text,
	"supersedes_decision_id" text,
	"related_decision_id" text,
	"decided_by" text DEFAULT 'system' NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "decisions_attempt_has_work" CHECK (attempt_id IS NULL OR work_id IS NOT NULL),
	CONSTRAINT "decisions_decision_type_check" CHECK ("decisions"."decision_type" IN ('approval', 'waiver', 'review_passed', 'review_rejected', 'plan_committed', 'completion_accepted', 'escalation', 'revocation', 'draft_emitted', 'draft_approved', 'draft_rejected'))
);
--> statement-breakpoint
CREATE TABLE "coordination_leases" (
	"organisation_id" uuid NOT NULL,
	"lease_id" text NOT NULL,
	"owner_agent_id" text NOT NULL,
	"mode" text NOT NULL,
	"resources" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"heartbeat_deadline" timestamp with time zone NOT NULL,
	"snapshot_id" text NOT NULL,
	"policy_version" text NOT NULL,
	"lens_digest" text NOT NULL,
	"work_id" text,
	"attempt_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coordination_leases_pkey" PRIMARY KEY("organisation_id","lease_id"),
	CONSTRAINT "coordination_leases_mode_check" CHECK ("coordination_leases"."mode" IN ('read', 'write')),
	CONSTRAINT "coordination_leases_status_check" CHECK ("coordination_leases"."status" IN ('active', 'released', 'expired', 'aborted')),
	CONSTRAINT "coordination_leases_outcome_check" CHECK ("coordination_leases"."outcome" IN ('success', 'failure', 'partial', 'aborted')),
	CONSTRAINT "coordination_leases_resources_is_array" CHECK (jsonb_typeof("coordination_leases"."resources") = 'array')
);
--> statement-breakpoint
CREATE TABLE "events" (
	"organisation_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"lease_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_pkey" PRIMARY KEY("organisation_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"mode" text NOT NULL,
	"worker_id" text NOT NULL,
	"attempt_id" text,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ttl_seconds" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_heartbeat" timestamp with time zone,
	"released_at" timestamp with time zone,
	CONSTRAINT "leases_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "leases_mode_check" CHECK ("leases"."mode" IN ('read', 'write', 'exclusive')),
	CONSTRAINT "leases_ttl_seconds_check" CHECK ("leases"."ttl_seconds" > 0),
	CONSTRAINT "leases_expires_after_acquired" CHECK ("leases"."expires_at" > "leases"."acquired_at")
);
--> statement-breakpoint
CREATE TABLE "kernel_decisions" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"work_id" text,
	"attempt_id" text,
	"lease_id" text,
	"decision_type" text NOT NULL,
	"decision_summary" text NOT NULL,
	"rationale" text,
	"alternatives_considered" text,
	"constraints" text,
	"outcome" text DEFAULT 'recorded' NOT NULL,
	"conditions" text,
	"supersedes_decision_id" text,
	"related_decision_id" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kernel_decisions_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "kernel_decisions_decision_type_check" CHECK ("kernel_decisions"."decision_type" IN ('approval', 'waiver', 'review_passed', 'review_rejected', 'plan_committed', 'completion_accepted', 'escalation', 'revocation', 'draft_emitted', 'draft_approved', 'draft_rejected'))
);
--> statement-breakpoint
CREATE TABLE "kernel_evidence" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"work_id" text,
	"attempt_id" text,
	"lease_id" text,
	"evidence_type" text NOT NULL,
	"uri" text,
	"sha256" text,
	"title" text,
	"description" text,
	"artifacts" text,
	"test_results" text,
	"diff_summary" text,
	"log_excerpt" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kernel_evidence_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "kernel_evidence_evidence_type_check" CHECK ("kernel_evidence"."evidence_type" IN ('test_result', 'build_artifact', 'diff', 'log', 'attestation', 'screenshot', 'reference', 'document', 'policy_bundle', 'other'))
);
--> statement-breakpoint
CREATE TABLE "kernel_outcomes" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"work_id" text,
	"attempt_id" text,
	"lease_id" text,
	"outcome_type" text NOT NULL,
	"path" text,
	"description" text,
	"metadata" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kernel_outcomes_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_contract_fk" FOREIGN KEY ("organisation_id","contract_hash") REFERENCES "public"."compiled_contracts"("organisation_id","contract_hash") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_handoff_from_fk" FOREIGN KEY ("organisation_id","work_id","handoff_from_attempt_id") REFERENCES "public"."attempts"("organisation_id","work_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compiled_contracts" ADD CONSTRAINT "compiled_contracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_attempt_fk" FOREIGN KEY ("organisation_id","work_id","attempt_id") REFERENCES "public"."attempts"("organisation_id","work_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_required_capabilities" ADD CONSTRAINT "work_required_capabilities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_required_capabilities" ADD CONSTRAINT "work_required_capabilities_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_attempt_fk" FOREIGN KEY ("organisation_id","work_id","attempt_id") REFERENCES "public"."attempts"("organisation_id","work_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_program_fk" FOREIGN KEY ("organisation_id","program_id") REFERENCES "public"."programs"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_wave_fk" FOREIGN KEY ("organisation_id","wave_id") REFERENCES "public"."waves"("organisation_id","wave_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_task_fk" FOREIGN KEY ("organisation_id","task_id") REFERENCES "public"."tasks"("organisation_id","task_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_related_planning_item_fk" FOREIGN KEY ("organisation_id","related_planning_item_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_attempt_fk" FOREIGN KEY ("organisation_id","work_id","attempt_id") REFERENCES "public"."attempts"("organisation_id","work_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_blocker_fk" FOREIGN KEY ("organisation_id","blocker_id") REFERENCES "public"."blockers"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_supersedes_fk" FOREIGN KEY ("organisation_id","supersedes_decision_id") REFERENCES "public"."decisions"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_related_fk" FOREIGN KEY ("organisation_id","related_decision_id") REFERENCES "public"."decisions"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_leases" ADD CONSTRAINT "coordination_leases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_lease_fk" FOREIGN KEY ("organisation_id","lease_id") REFERENCES "public"."coordination_leases"("organisation_id","lease_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_attempt_fk" FOREIGN KEY ("organisation_id","attempt_id") REFERENCES "public"."attempts"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_decisions" ADD CONSTRAINT "kernel_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_decisions" ADD CONSTRAINT "kernel_decisions_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_decisions" ADD CONSTRAINT "kernel_decisions_supersedes_fk" FOREIGN KEY ("organisation_id","supersedes_decision_id") REFERENCES "public"."kernel_decisions"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_decisions" ADD CONSTRAINT "kernel_decisions_related_fk" FOREIGN KEY ("organisation_id","related_decision_id") REFERENCES "public"."kernel_decisions"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_evidence" ADD CONSTRAINT "kernel_evidence_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_evidence" ADD CONSTRAINT "kernel_evidence_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_outcomes" ADD CONSTRAINT "kernel_outcomes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_outcomes" ADD CONSTRAINT "kernel_outcomes_work_fk" FOREIGN KEY ("organisation_id","work_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_open_work_key" ON "attempts" USING btree ("organisation_id","work_id") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX "attempts_worker_idx" ON "attempts" USING btree ("organisation_id","worker_id");--> statement-breakpoint
CREATE INDEX "attempts_contract_idx" ON "attempts" USING btree ("organisation_id","contract_hash") WHERE contract_hash IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_work_time_idx" ON "evidence" USING btree ("organisation_id","work_id","created_at");--> statement-breakpoint
CREATE INDEX "evidence_attempt_idx" ON "evidence" USING btree ("organisation_id","attempt_id") WHERE attempt_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_type_idx" ON "evidence" USING btree ("organisation_id","evidence_type");--> statement-breakpoint
CREATE INDEX "evidence_sha256_idx" ON "evidence" USING btree ("organisation_id","sha256");--> statement-breakpoint
CREATE INDEX "plan_events_item_idx" ON "plan_events" USING btree ("organisation_id","item_id") WHERE item_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "plan_events_ts_idx" ON "plan_events" USING btree ("organisation_id","ts");--> statement-breakpoint
CREATE INDEX "plan_events_source_idx" ON "plan_events" USING btree ("organisation_id","source");--> statement-breakpoint
CREATE INDEX "work_required_capabilities_capability_idx" ON "work_required_capabilities" USING btree ("organisation_id","capability_id");--> statement-breakpoint
CREATE INDEX "blockers_open_work_idx" ON "blockers" USING btree ("organisation_id","work_id") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX "blockers_work_time_idx" ON "blockers" USING btree ("organisation_id","work_id","created_at") WHERE work_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "blockers_attempt_idx" ON "blockers" USING btree ("organisation_id","attempt_id") WHERE attempt_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "blockers_entity_idx" ON "blockers" USING btree ("organisation_id","entity_type","entity_id") WHERE entity_type IS NOT NULL;--> statement-breakpoint
CREATE INDEX "blockers_open_program_idx" ON "blockers" USING btree ("organisation_id","program_id","detected_at") WHERE resolved_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "blockers_open_wave_idx" ON "blockers" USING btree ("organisation_id","wave_id","detected_at") WHERE resolved_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "blockers_open_age_idx" ON "blockers" USING btree ("organisation_id","detected_at") WHERE resolved_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "blockers_open_classification_idx" ON "blockers" USING btree ("organisation_id","classification","detected_at") WHERE resolved_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "blockers_open_reason_code_idx" ON "blockers" USING btree ("organisation_id","reason_code","detected_at") WHERE resolved_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "decisions_work_type_time_idx" ON "decisions" USING btree ("organisation_id","work_id","decision_type","decided_at");--> statement-breakpoint
CREATE INDEX "decisions_type_idx" ON "decisions" USING btree ("organisation_id","decision_type","decided_at");--> statement-breakpoint
CREATE INDEX "decisions_attempt_idx" ON "decisions" USING btree ("organisation_id","attempt_id") WHERE attempt_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "decisions_blocker_idx" ON "decisions" USING btree ("organisation_id","blocker_id","decision_type","decided_at") WHERE blocker_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "decisions_supersedes_idx" ON "decisions" USING btree ("organisation_id","supersedes_decision_id") WHERE supersedes_decision_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "coordination_leases_status_idx" ON "coordination_leases" USING btree ("organisation_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "coordination_leases_owner_idx" ON "coordination_leases" USING btree ("organisation_id","owner_agent_id");--> statement-breakpoint
CREATE INDEX "coordination_leases_expires_idx" ON "coordination_leases" USING btree ("organisation_id","expires_at");--> statement-breakpoint
CREATE INDEX "events_lease_time_idx" ON "events" USING btree ("organisation_id","lease_id","created_at");--> statement-breakpoint
CREATE INDEX "leases_resource_idx" ON "leases" USING btree ("organisation_id","resource_type","resource_id");--> statement-breakpoint
CREATE INDEX "leases_worker_idx" ON "leases" USING btree ("organisation_id","worker_id");--> statement-breakpoint
CREATE INDEX "leases_active_idx" ON "leases" USING btree ("organisation_id","resource_type","resource_id","expires_at") WHERE released_at IS NULL;--> statement-breakpoint
CREATE INDEX "leases_attempt_idx" ON "leases" USING btree ("organisation_id","attempt_id") WHERE attempt_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_decisions_work_idx" ON "kernel_decisions" USING btree ("organisation_id","work_id") WHERE work_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_decisions_lease_idx" ON "kernel_decisions" USING btree ("organisation_id","lease_id") WHERE lease_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_decisions_type_idx" ON "kernel_decisions" USING btree ("organisation_id","decision_type");--> statement-breakpoint
CREATE INDEX "kernel_decisions_supersedes_idx" ON "kernel_decisions" USING btree ("organisation_id","supersedes_decision_id") WHERE supersedes_decision_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_evidence_work_idx" ON "kernel_evidence" USING btree ("organisation_id","work_id") WHERE work_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_evidence_lease_idx" ON "kernel_evidence" USING btree ("organisation_id","lease_id") WHERE lease_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_evidence_type_idx" ON "kernel_evidence" USING btree ("organisation_id","evidence_type");--> statement-breakpoint
CREATE INDEX "kernel_evidence_sha256_idx" ON "kernel_evidence" USING btree ("organisation_id","sha256") WHERE sha256 IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_outcomes_work_idx" ON "kernel_outcomes" USING btree ("organisation_id","work_id") WHERE work_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_outcomes_lease_idx" ON "kernel_outcomes" USING btree ("organisation_id","lease_id") WHERE lease_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "kernel_outcomes_type_idx" ON "kernel_outcomes" USING btree ("organisation_id","outcome_type");