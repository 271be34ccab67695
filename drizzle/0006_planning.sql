CREATE TABLE "card_context_artifact" (
	"organisation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"context_artifact_id" uuid NOT NULL,
	"linked_by" text,
	"usage_hint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_context_artifact_pkey" PRIMARY KEY("organisation_id","card_id","context_artifact_id")
);
--> statement-breakpoint
CREATE TABLE "card" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"workflow_activity_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'todo' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"rank" double precision NOT NULL,
	"quick_answer" text,
	"build_state" text,
	"last_built_at" timestamp with time zone,
	"last_build_ref" text,
	"last_build_error" text,
	"finalized_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_project_id_key" UNIQUE("organisation_id","project_id","id"),
	CONSTRAINT "card_build_state_check" CHECK ("card"."build_state" IN ('queued', 'running', 'blocked', 'failed', 'completed', 'cancelled')),
	CONSTRAINT "card_priority_check" CHECK ("card"."priority" >= 0),
	CONSTRAINT "card_position_check" CHECK ("card"."position" >= 0),
	CONSTRAINT "card_rank_check" CHECK ("card"."rank" > '-Infinity'::float8 AND "card"."rank" < 'Infinity'::float8)
);
--> statement-breakpoint
CREATE TABLE "context_artifact" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"title" text,
	"content" text,
	"uri" text,
	"locator" text,
	"mime_type" text,
	"integration_ref" jsonb,
	"checksum" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "context_artifact_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "context_artifact_project_id_key" UNIQUE("organisation_id","project_id","id"),
	CONSTRAINT "context_artifact_type_check" CHECK ("context_artifact"."type" IN ('doc', 'design', 'code', 'research', 'link', 'image', 'skill', 'mcp', 'cli', 'api', 'prompt', 'spec', 'runbook', 'test', 'scaffold')),
	CONSTRAINT "context_artifact_source_check" CHECK (coalesce("context_artifact"."content", '') <> '' OR coalesce("context_artifact"."uri", '') <> '' OR coalesce("context_artifact"."integration_ref", 'null'::jsonb) <> 'null'::jsonb)
);
--> statement-breakpoint
CREATE TABLE "planning_action" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"action_type" text NOT NULL,
	"target_ref" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"validation_status" text NOT NULL,
	"rejection_reason" text,
	"applied_at" timestamp with time zone,
	"idempotency_key" text,
	"batch_position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planning_action_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "planning_action_validation_status_check" CHECK ("planning_action"."validation_status" IN ('accepted', 'rejected')),
	CONSTRAINT "planning_action_action_type_check" CHECK ("planning_action"."action_type" IN ('updateProject', 'createWorkflow', 'createActivity', 'createCard', 'updateCard', 'reorderCard', 'deleteWorkflow', 'deleteActivity', 'deleteCard', 'linkContextArtifact', 'createContextArtifact', 'upsertCardPlannedFile', 'upsertCardKnowledgeItem') OR "planning_action"."validation_status" = 'rejected'),
	CONSTRAINT "planning_action_rejection_check" CHECK (("planning_action"."validation_status" <> 'accepted' OR "planning_action"."rejection_reason" IS NULL) AND ("planning_action"."validation_status" <> 'rejected' OR "planning_action"."applied_at" IS NULL)),
	CONSTRAINT "planning_action_target_ref_check" CHECK (jsonb_typeof("planning_action"."target_ref") = 'object'),
	CONSTRAINT "planning_action_payload_check" CHECK (jsonb_typeof("planning_action"."payload") = 'object'),
	CONSTRAINT "planning_action_batch_position_check" CHECK ("planning_action"."batch_position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"repo_url" text,
	"default_branch" text DEFAULT 'main' NOT NULL,
	"action_sequence" integer DEFAULT 0 NOT NULL,
	"customer_personas" text,
	"tech_stack" text,
	"deployment" text,
	"design_inspiration" text,
	"product_id" text,
	"finalized_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "project_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "project_action_sequence_check" CHECK ("project"."action_sequence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "workflow_activity" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"title" text NOT NULL,
	"color" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "workflow_activity_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "workflow_activity_project_id_key" UNIQUE("organisation_id","project_id","id"),
	CONSTRAINT "workflow_activity_color_check" CHECK ("workflow_activity"."color" IN ('yellow', 'blue', 'purple', 'green', 'orange', 'pink')),
	CONSTRAINT "workflow_activity_position_check" CHECK ("workflow_activity"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "workflow" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"build_state" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "workflow_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "workflow_project_id_key" UNIQUE("organisation_id","project_id","id"),
	CONSTRAINT "workflow_build_state_check" CHECK ("workflow"."build_state" IN ('queued', 'running', 'blocked', 'failed', 'completed', 'cancelled')),
	CONSTRAINT "workflow_position_check" CHECK ("workflow"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "card_assumption" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"confidence" double precision,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_assumption_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_assumption_status_check" CHECK ("card_assumption"."status" IN ('draft', 'approved', 'rejected')),
	CONSTRAINT "card_assumption_source_check" CHECK ("card_assumption"."source" IN ('agent', 'user', 'imported')),
	CONSTRAINT "card_assumption_confidence_check" CHECK ("card_assumption"."confidence" BETWEEN 0 AND 1),
	CONSTRAINT "card_assumption_position_check" CHECK ("card_assumption"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "card_known_fact" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"confidence" double precision,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"evidence_source" text,
	CONSTRAINT "card_known_fact_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_known_fact_status_check" CHECK ("card_known_fact"."status" IN ('draft', 'approved', 'rejected')),
	CONSTRAINT "card_known_fact_source_check" CHECK ("card_known_fact"."source" IN ('agent', 'user', 'imported')),
	CONSTRAINT "card_known_fact_confidence_check" CHECK ("card_known_fact"."confidence" BETWEEN 0 AND 1),
	CONSTRAINT "card_known_fact_position_check" CHECK ("card_known_fact"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "card_planned_file" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"logical_file_name" text NOT NULL,
	"module_hint" text,
	"artifact_kind" text NOT NULL,
	"action" text NOT NULL,
	"intent_summary" text NOT NULL,
	"contract_notes" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_planned_file_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_planned_file_artifact_kind_check" CHECK ("card_planned_file"."artifact_kind" IN ('component', 'endpoint', 'service', 'schema', 'hook', 'util', 'middleware', 'job', 'config')),
	CONSTRAINT "card_planned_file_action_check" CHECK ("card_planned_file"."action" IN ('create', 'edit')),
	CONSTRAINT "card_planned_file_status_check" CHECK ("card_planned_file"."status" IN ('proposed', 'user_edited', 'approved')),
	CONSTRAINT "card_planned_file_position_check" CHECK ("card_planned_file"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "card_question" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"confidence" double precision,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_question_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_question_status_check" CHECK ("card_question"."status" IN ('draft', 'approved', 'rejected')),
	CONSTRAINT "card_question_source_check" CHECK ("card_question"."source" IN ('agent', 'user', 'imported')),
	CONSTRAINT "card_question_confidence_check" CHECK ("card_question"."confidence" BETWEEN 0 AND 1),
	CONSTRAINT "card_question_position_check" CHECK ("card_question"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "card_requirement" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"confidence" double precision,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_requirement_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_requirement_status_check" CHECK ("card_requirement"."status" IN ('draft', 'approved', 'rejected')),
	CONSTRAINT "card_requirement_source_check" CHECK ("card_requirement"."source" IN ('agent', 'user', 'imported')),
	CONSTRAINT "card_requirement_confidence_check" CHECK ("card_requirement"."confidence" BETWEEN 0 AND 1),
	CONSTRAINT "card_requirement_position_check" CHECK ("card_requirement"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "agent_commit" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"sha" text NOT NULL,
	"branch" text NOT NULL,
	"message" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_commit_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "agent_commit_assignment_sha_key" UNIQUE("organisation_id","assignment_id","sha")
);
--> statement-breakpoint
CREATE TABLE "agent_execution" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"summary" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "agent_execution_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "agent_execution_status_check" CHECK ("agent_execution"."status" IN ('queued', 'running', 'blocked', 'failed', 'completed', 'cancelled')),
	CONSTRAINT "agent_execution_times_check" CHECK ("agent_execution"."ended_at" >= "agent_execution"."started_at")
);
--> statement-breakpoint
CREATE TABLE "card_assignment" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"agent_role" text NOT NULL,
	"agent_profile" text NOT NULL,
	"feature_branch" text NOT NULL,
	"worktree_path" text,
	"allowed_paths" jsonb NOT NULL,
	"forbidden_paths" jsonb,
	"assignment_input_snapshot" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"session_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "card_assignment_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "card_assignment_agent_role_check" CHECK ("card_assignment"."agent_role" IN ('planner', 'coder', 'reviewer', 'integrator', 'tester')),
	CONSTRAINT "card_assignment_status_check" CHECK ("card_assignment"."status" IN ('queued', 'running', 'blocked', 'failed', 'completed', 'cancelled')),
	CONSTRAINT "card_assignment_allowed_paths_check" CHECK (jsonb_typeof("card_assignment"."allowed_paths") = 'array' AND "card_assignment"."allowed_paths" <> '[]'::jsonb),
	CONSTRAINT "card_assignment_forbidden_paths_check" CHECK (coalesce(jsonb_typeof("card_assignment"."forbidden_paths"), 'array') = 'array')
);
--> statement-breakpoint
CREATE TABLE "orchestration_run" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"workflow_id" uuid,
	"card_id" uuid,
	"trigger_type" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"initiated_by" text NOT NULL,
	"repo_url" text NOT NULL,
	"base_branch" text NOT NULL,
	"system_policy_profile_id" uuid NOT NULL,
	"system_policy_snapshot" jsonb NOT NULL,
	"run_input_snapshot" jsonb NOT NULL,
	"worktree_root" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "orchestration_run_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "orchestration_run_project_id_key" UNIQUE("organisation_id","project_id","id"),
	CONSTRAINT "orchestration_run_scope_check" CHECK ("orchestration_run"."scope" IN ('workflow', 'card')),
	CONSTRAINT "orchestration_run_trigger_type_check" CHECK ("orchestration_run"."trigger_type" IN ('card', 'workflow', 'manual')),
	CONSTRAINT "orchestration_run_status_check" CHECK ("orchestration_run"."status" IN ('queued', 'running', 'blocked', 'failed', 'completed', 'cancelled')),
	CONSTRAINT "orchestration_run_workflow_scope_check" CHECK ("orchestration_run"."scope" <> 'workflow' OR ("orchestration_run"."workflow_id" IS NOT NULL AND "orchestration_run"."card_id" IS NULL)),
	CONSTRAINT "orchestration_run_card_scope_check" CHECK ("orchestration_run"."scope" <> 'card' OR "orchestration_run"."card_id" IS NOT NULL),
	CONSTRAINT "orchestration_run_snapshots_check" CHECK (jsonb_typeof("orchestration_run"."system_policy_snapshot") = 'object' AND jsonb_typeof("orchestration_run"."run_input_snapshot") = 'object'),
	CONSTRAINT "orchestration_run_times_check" CHECK ("orchestration_run"."ended_at" >= "orchestration_run"."started_at")
);
--> statement-breakpoint
CREATE TABLE "system_policy_profile" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"required_checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"protected_paths" jsonb,
	"forbidden_paths" jsonb,
	"dependency_policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"security_policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"architecture_policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"approval_policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "system_policy_profile_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "system_policy_profile_project_id_key" UNIQUE("organisation_id","project_id","id"),
	CONSTRAINT "system_policy_profile_required_checks_check" CHECK (jsonb_typeof("system_policy_profile"."required_checks") = 'array' AND "system_policy_profile"."required_checks" <@ '["dependency","security","policy","lint","unit","integration","e2e"]'::jsonb),
	CONSTRAINT "system_policy_profile_paths_check" CHECK (coalesce(jsonb_typeof("system_policy_profile"."protected_paths"), 'array') = 'array' AND coalesce(jsonb_typeof("system_policy_profile"."forbidden_paths"), 'array') = 'array'),
	CONSTRAINT "system_policy_profile_policies_check" CHECK (jsonb_typeof("system_policy_profile"."dependency_policy") = 'object' AND jsonb_typeof("system_policy_profile"."security_policy") = 'object' AND jsonb_typeof("system_policy_profile"."architecture_policy") = 'object' AND jsonb_typeof("system_policy_profile"."approval_policy") = 'object')
);
--> statement-breakpoint
CREATE TABLE "approval_request" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"approval_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "approval_request_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "approval_request_approval_type_check" CHECK ("approval_request"."approval_type" IN ('create_pr', 'merge_pr')),
	CONSTRAINT "approval_request_status_check" CHECK ("approval_request"."status" IN ('pending', 'approved', 'rejected')),
	CONSTRAINT "approval_request_resolution_check" CHECK (("approval_request"."status" = 'pending' AND "approval_request"."resolved_by" IS NULL AND "approval_request"."resolved_at" IS NULL) OR ("approval_request"."status" <> 'pending' AND "approval_request"."resolved_by" IS NOT NULL AND "approval_request"."resolved_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "event_log" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"run_id" uuid,
	"event_type" text NOT NULL,
	"actor" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_log_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "pull_request_candidate" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"base_branch" text NOT NULL,
	"head_branch" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'not_created' NOT NULL,
	"pr_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "pull_request_candidate_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "pull_request_candidate_status_check" CHECK ("pull_request_candidate"."status" IN ('not_created', 'draft_open', 'open', 'merged', 'closed')),
	CONSTRAINT "pull_request_candidate_pr_url_check" CHECK ("pull_request_candidate"."status" NOT IN ('draft_open', 'open', 'merged') OR "pull_request_candidate"."pr_url" IS NOT NULL),
	CONSTRAINT "pull_request_candidate_branches_check" CHECK ("pull_request_candidate"."head_branch" <> "pull_request_candidate"."base_branch")
);
--> statement-breakpoint
CREATE TABLE "run_check" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"check_type" text NOT NULL,
	"status" text NOT NULL,
	"output" text,
	"executed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_check_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "run_check_check_type_check" CHECK ("run_check"."check_type" IN ('dependency', 'security', 'policy', 'lint', 'unit', 'integration', 'e2e')),
	CONSTRAINT "run_check_status_check" CHECK ("run_check"."status" IN ('passed', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "memory_retrieval_log" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"query_text" text NOT NULL,
	"scope_entity_type" text NOT NULL,
	"scope_entity_id" text NOT NULL,
	"result_memory_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memory_retrieval_log_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "memory_retrieval_log_scope_entity_type_check" CHECK ("memory_retrieval_log"."scope_entity_type" IN ('project', 'workflow', 'activity', 'step', 'card', 'schema')),
	CONSTRAINT "memory_retrieval_log_result_memory_ids_check" CHECK (jsonb_typeof("memory_retrieval_log"."result_memory_ids") = 'array')
);
--> statement-breakpoint
CREATE TABLE "memory_unit_relation" (
	"organisation_id" uuid NOT NULL,
	"memory_unit_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"relation_role" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "memory_unit_relation_pkey" PRIMARY KEY("organisation_id","memory_unit_id","entity_type","entity_id"),
	CONSTRAINT "memory_unit_relation_entity_type_check" CHECK ("memory_unit_relation"."entity_type" IN ('project', 'workflow', 'activity', 'step', 'card', 'schema')),
	CONSTRAINT "memory_unit_relation_relation_role_check" CHECK ("memory_unit_relation"."relation_role" IN ('source', 'supports', 'constrains'))
);
--> statement-breakpoint
CREATE TABLE "memory_unit" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"content_type" text NOT NULL,
	"mime_type" text,
	"title" text,
	"content_text" text,
	"link_url" text,
	"status" text NOT NULL,
	"embedding_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "memory_unit_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "memory_unit_content_type_check" CHECK ("memory_unit"."content_type" IN ('inline', 'link')),
	CONSTRAINT "memory_unit_status_check" CHECK ("memory_unit"."status" IN ('draft', 'approved', 'rejected')),
	CONSTRAINT "memory_unit_inline_check" CHECK ("memory_unit"."content_type" <> 'inline' OR "memory_unit"."content_text" IS NOT NULL),
	CONSTRAINT "memory_unit_link_check" CHECK ("memory_unit"."content_type" <> 'link' OR "memory_unit"."link_url" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "card_context_artifact" ADD CONSTRAINT "card_context_artifact_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_context_artifact" ADD CONSTRAINT "card_context_artifact_card_fk" FOREIGN KEY ("organisation_id","project_id","card_id") REFERENCES "public"."card"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_context_artifact" ADD CONSTRAINT "card_context_artifact_artifact_fk" FOREIGN KEY ("organisation_id","project_id","context_artifact_id") REFERENCES "public"."context_artifact"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card" ADD CONSTRAINT "card_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card" ADD CONSTRAINT "card_workflow_activity_fk" FOREIGN KEY ("organisation_id","project_id","workflow_activity_id") REFERENCES "public"."workflow_activity"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_artifact" ADD CONSTRAINT "context_artifact_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "context_artifact" ADD CONSTRAINT "context_artifact_project_fk" FOREIGN KEY ("organisation_id","project_id") REFERENCES "public"."project"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_action" ADD CONSTRAINT "planning_action_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_action" ADD CONSTRAINT "planning_action_project_fk" FOREIGN KEY ("organisation_id","project_id") REFERENCES "public"."project"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_activity" ADD CONSTRAINT "workflow_activity_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_activity" ADD CONSTRAINT "workflow_activity_workflow_fk" FOREIGN KEY ("organisation_id","project_id","workflow_id") REFERENCES "public"."workflow"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow" ADD CONSTRAINT "workflow_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow" ADD CONSTRAINT "workflow_project_fk" FOREIGN KEY ("organisation_id","project_id") REFERENCES "public"."project"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_assumption" ADD CONSTRAINT "card_assumption_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_assumption" ADD CONSTRAINT "card_assumption_card_fk" FOREIGN KEY ("organisation_id","card_id") REFERENCES "public"."card"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_known_fact" ADD CONSTRAINT "card_known_fact_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_known_fact" ADD CONSTRAINT "card_known_fact_card_fk" FOREIGN KEY ("organisation_id","card_id") REFERENCES "public"."card"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_planned_file" ADD CONSTRAINT "card_planned_file_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_planned_file" ADD CONSTRAINT "card_planned_file_card_fk" FOREIGN KEY ("organisation_id","card_id") REFERENCES "public"."card"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_question" ADD CONSTRAINT "card_question_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_question" ADD CONSTRAINT "card_question_card_fk" FOREIGN KEY ("organisation_id","card_id") REFERENCES "public"."card"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_requirement" ADD CONSTRAINT "card_requirement_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_requirement" ADD CONSTRAINT "card_requirement_card_fk" FOREIGN KEY ("organisation_id","card_id") REFERENCES "public"."card"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_commit" ADD CONSTRAINT "agent_commit_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_commit" ADD CONSTRAINT "agent_commit_assignment_fk" FOREIGN KEY ("organisation_id","assignment_id") REFERENCES "public"."card_assignment"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_execution" ADD CONSTRAINT "agent_execution_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_execution" ADD CONSTRAINT "agent_execution_assignment_fk" FOREIGN KEY ("organisation_id","assignment_id") REFERENCES "public"."card_assignment"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_assignment" ADD CONSTRAINT "card_assignment_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_assignment" ADD CONSTRAINT "card_assignment_run_fk" FOREIGN KEY ("organisation_id","run_id") REFERENCES "public"."orchestration_run"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_assignment" ADD CONSTRAINT "card_assignment_card_fk" FOREIGN KEY ("organisation_id","card_id") REFERENCES "public"."card"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestration_run" ADD CONSTRAINT "orchestration_run_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestration_run" ADD CONSTRAINT "orchestration_run_project_fk" FOREIGN KEY ("organisation_id","project_id") REFERENCES "public"."project"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestration_run" ADD CONSTRAINT "orchestration_run_workflow_fk" FOREIGN KEY ("organisation_id","project_id","workflow_id") REFERENCES "public"."workflow"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestration_run" ADD CONSTRAINT "orchestration_run_card_fk" FOREIGN KEY ("organisation_id","project_id","card_id") REFERENCES "public"."card"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestration_run" ADD CONSTRAINT "orchestration_run_policy_fk" FOREIGN KEY ("organisation_id","project_id","system_policy_profile_id") REFERENCES "public"."system_policy_profile"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_policy_profile" ADD CONSTRAINT "system_policy_profile_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_policy_profile" ADD CONSTRAINT "system_policy_profile_project_fk" FOREIGN KEY ("organisation_id","project_id") REFERENCES "public"."project"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_run_fk" FOREIGN KEY ("organisation_id","run_id") REFERENCES "public"."orchestration_run"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_log" ADD CONSTRAINT "event_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_log" ADD CONSTRAINT "event_log_project_fk" FOREIGN KEY ("organisation_id","project_id") REFERENCES "public"."project"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_log" ADD CONSTRAINT "event_log_run_fk" FOREIGN KEY ("organisation_id","project_id","run_id") REFERENCES "public"."orchestration_run"("organisation_id","project_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pull_request_candidate" ADD CONSTRAINT "pull_request_candidate_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pull_request_candidate" ADD CONSTRAINT "pull_request_candidate_run_fk" FOREIGN KEY ("organisation_id","run_id") REFERENCES "public"."orchestration_run"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_check" ADD CONSTRAINT "run_check_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_check" ADD CONSTRAINT "run_check_run_fk" FOREIGN KEY ("organisation_id","run_id") REFERENCES "public"."orchestration_run"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_retrieval_log" ADD CONSTRAINT "memory_retrieval_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_unit_relation" ADD CONSTRAINT "memory_unit_relation_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_unit_relation" ADD CONSTRAINT "memory_unit_relation_memory_unit_fk" FOREIGN KEY ("organisation_id","memory_unit_id") REFERENCES "public"."memory_unit"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memory_unit" ADD CONSTRAINT "memory_unit_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_context_artifact_artifact_idx" ON "card_context_artifact" USING btree ("organisation_id","context_artifact_id");--> statement-breakpoint
CREATE INDEX "card_activity_live_idx" ON "card" USING btree ("organisation_id","workflow_activity_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_board_live_idx" ON "card" USING btree ("organisation_id","project_id","status","rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "context_artifact_project_live_idx" ON "context_artifact" USING btree ("organisation_id","project_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "planning_action_idempotency_key" ON "planning_action" USING btree ("organisation_id","project_id","idempotency_key","batch_position") WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "planning_action_project_created_idx" ON "planning_action" USING btree ("organisation_id","project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "project_name_live_key" ON "project" USING btree ("organisation_id","name") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "project_product_live_idx" ON "project" USING btree ("organisation_id","product_id") WHERE deleted_at IS NULL AND product_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "project_updated_at_live_idx" ON "project" USING btree ("organisation_id","updated_at" DESC NULLS LAST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "workflow_activity_position_live_idx" ON "workflow_activity" USING btree ("organisation_id","workflow_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "workflow_project_live_idx" ON "workflow" USING btree ("organisation_id","project_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_assumption_card_live_idx" ON "card_assumption" USING btree ("organisation_id","card_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_known_fact_card_live_idx" ON "card_known_fact" USING btree ("organisation_id","card_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_planned_file_card_status_live_idx" ON "card_planned_file" USING btree ("organisation_id","card_id","status") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_question_card_live_idx" ON "card_question" USING btree ("organisation_id","card_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_requirement_card_live_idx" ON "card_requirement" USING btree ("organisation_id","card_id","position") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "agent_execution_assignment_idx" ON "agent_execution" USING btree ("organisation_id","assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "card_assignment_run_card_profile_live_key" ON "card_assignment" USING btree ("organisation_id","run_id","card_id","agent_profile") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "card_assignment_run_status_idx" ON "card_assignment" USING btree ("organisation_id","run_id","status");--> statement-breakpoint
CREATE INDEX "card_assignment_card_idx" ON "card_assignment" USING btree ("organisation_id","card_id");--> statement-breakpoint
CREATE INDEX "orchestration_run_project_scope_status_idx" ON "orchestration_run" USING btree ("organisation_id","project_id","scope","status","created_at" DESC NULLS LAST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "orchestration_run_workflow_idx" ON "orchestration_run" USING btree ("organisation_id","workflow_id","status","created_at" DESC NULLS LAST) WHERE workflow_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orchestration_run_card_idx" ON "orchestration_run" USING btree ("organisation_id","card_id","status","created_at" DESC NULLS LAST) WHERE card_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orchestration_run_policy_idx" ON "orchestration_run" USING btree ("organisation_id","system_policy_profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orchestration_run_one_running_key" ON "orchestration_run" USING btree ("organisation_id","project_id") WHERE status = 'running' AND deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "system_policy_profile_project_live_key" ON "system_policy_profile" USING btree ("organisation_id","project_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "approval_request_run_idx" ON "approval_request" USING btree ("organisation_id","run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_request_run_type_open_key" ON "approval_request" USING btree ("organisation_id","run_id","approval_type") WHERE status IN ('pending', 'approved') AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "event_log_project_run_created_idx" ON "event_log" USING btree ("organisation_id","project_id","run_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "pull_request_candidate_run_live_key" ON "pull_request_candidate" USING btree ("organisation_id","run_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "pull_request_candidate_run_idx" ON "pull_request_candidate" USING btree ("organisation_id","run_id");--> statement-breakpoint
CREATE INDEX "run_check_run_type_idx" ON "run_check" USING btree ("organisation_id","run_id","check_type","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "memory_retrieval_log_scope_idx" ON "memory_retrieval_log" USING btree ("organisation_id","scope_entity_type","scope_entity_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "memory_unit_relation_entity_live_idx" ON "memory_unit_relation" USING btree ("organisation_id","entity_type","entity_id","memory_unit_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "memory_unit_status_updated_live_idx" ON "memory_unit" USING btree ("organisation_id","status","updated_at" DESC NULLS LAST) WHERE deleted_at IS NULL;