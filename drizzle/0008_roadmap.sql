CREATE TABLE "bugs" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"feature_id" text NOT NULL,
	"feature_version" text NOT NULL,
	"severity_key" text DEFAULT 'medium' NOT NULL,
	"status_key" text DEFAULT 'open' NOT NULL,
	"reported_by" text,
	"assigned_to" text,
	"fix_cr_id" text,
	"fixed_in_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "bugs_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status_key" text DEFAULT 'queue' NOT NULL,
	"type_key" text DEFAULT 'enhancement' NOT NULL,
	"size" text DEFAULT 'M' NOT NULL,
	"owner" text,
	"product_id" text,
	"feature_id" text,
	"target_version" text,
	"completed_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "change_requests_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "change_requests_size_check" CHECK ("change_requests"."size" IN ('S', 'M', 'L', 'XL'))
);
--> statement-breakpoint
CREATE TABLE "cr_dependencies" (
	"organisation_id" uuid NOT NULL,
	"cr_id" text NOT NULL,
	"depends_on_id" text NOT NULL,
	"dependency_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cr_dependencies_pkey" PRIMARY KEY("organisation_id","cr_id","depends_on_id"),
	CONSTRAINT "cr_dependencies_dependency_type_check" CHECK ("cr_dependencies"."dependency_type" IN ('blocks', 'related', 'supersedes')),
	CONSTRAINT "cr_dependencies_no_self_reference" CHECK ("cr_dependencies"."cr_id" <> "cr_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "assignment_prerequisites" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assignment_prerequisites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"source_assignment_id" bigint NOT NULL,
	"prerequisite_item_id" text NOT NULL,
	"depth" integer NOT NULL,
	"surfaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "assignment_prerequisites_source_prerequisite_key" UNIQUE("organisation_id","source_assignment_id","prerequisite_item_id"),
	CONSTRAINT "assignment_prerequisites_depth_check" CHECK ("assignment_prerequisites"."depth" >= 1)
);
--> statement-breakpoint
CREATE TABLE "roadmap_assignments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmap_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"role" text DEFAULT 'implementer' NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"status" text DEFAULT 'assigned' NOT NULL,
	"notes" text,
	CONSTRAINT "roadmap_assignments_organisation_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "roadmap_assignments_item_agent_role_key" UNIQUE("organisation_id","item_id","agent_id","role"),
	CONSTRAINT "roadmap_assignments_role_check" CHECK ("roadmap_assignments"."role" IN ('implementer', 'reviewer', 'owner', 'observer')),
	CONSTRAINT "roadmap_assignments_status_check" CHECK ("roadmap_assignments"."status" IN ('assigned', 'active', 'completed', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "roadmap_dependencies" (
	"organisation_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"depends_on_id" text NOT NULL,
	"dependency_type" text DEFAULT 'blocks' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"notes" text,
	CONSTRAINT "roadmap_dependencies_pkey" PRIMARY KEY("organisation_id","item_id","depends_on_id"),
	CONSTRAINT "roadmap_dependencies_dependency_type_check" CHECK ("roadmap_dependencies"."dependency_type" IN ('blocks', 'soft', 'related')),
	CONSTRAINT "roadmap_dependencies_no_self_reference" CHECK ("roadmap_dependencies"."item_id" <> "roadmap_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"phase_key" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status_key" text DEFAULT 'pending' NOT NULL,
	"owner" text,
	"scope" text DEFAULT 'user' NOT NULL,
	"program_id" text,
	"product_id" text,
	"feature_id" text,
	"cr_id" text,
	"target_date" date,
	"completed_at" timestamp with time zone,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"rank" double precision,
	"item_type" text DEFAULT 'work' NOT NULL,
	"external_id" text,
	"external_url" text,
	"raw_status" text,
	"raw_type" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "roadmap_items_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "roadmap_items_item_type_check" CHECK ("roadmap_items"."item_type" IN ('work', 'gate', 'holding', 'integration'))
);
--> statement-breakpoint
CREATE TABLE "roadmap_phase_limits" (
	"organisation_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"max_active_items" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_phase_limits_pkey" PRIMARY KEY("organisation_id","phase_key"),
	CONSTRAINT "roadmap_phase_limits_max_active_items_check" CHECK ("roadmap_phase_limits"."max_active_items" >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	"event_type" text NOT NULL,
	"actor" text NOT NULL,
	"resource_type" text,
	"resource_id" text,
	"action" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"context" jsonb,
	"instance_id" text NOT NULL,
	"protocol_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entity_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"change_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_versions_entity_version_key" UNIQUE("organisation_id","entity_type","entity_id","version")
);
--> statement-breakpoint
CREATE TABLE "instance_config" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text
);
--> statement-breakpoint
ALTER TABLE "bugs" ADD CONSTRAINT "bugs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bugs" ADD CONSTRAINT "bugs_feature_fk" FOREIGN KEY ("organisation_id","feature_id") REFERENCES "public"."features"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bugs" ADD CONSTRAINT "bugs_fix_cr_fk" FOREIGN KEY ("organisation_id","fix_cr_id") REFERENCES "public"."change_requests"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_feature_fk" FOREIGN KEY ("organisation_id","feature_id") REFERENCES "public"."features"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cr_dependencies" ADD CONSTRAINT "cr_dependencies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cr_dependencies" ADD CONSTRAINT "cr_dependencies_cr_fk" FOREIGN KEY ("organisation_id","cr_id") REFERENCES "public"."change_requests"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cr_dependencies" ADD CONSTRAINT "cr_dependencies_depends_on_fk" FOREIGN KEY ("organisation_id","depends_on_id") REFERENCES "public"."change_requests"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_prerequisites" ADD CONSTRAINT "assignment_prerequisites_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_prerequisites" ADD CONSTRAINT "assignment_prerequisites_source_assignment_fk" FOREIGN KEY ("organisation_id","source_assignment_id") REFERENCES "public"."roadmap_assignments"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_prerequisites" ADD CONSTRAINT "assignment_prerequisites_prerequisite_item_fk" FOREIGN KEY ("organisation_id","prerequisite_item_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_assignments" ADD CONSTRAINT "roadmap_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_assignments" ADD CONSTRAINT "roadmap_assignments_item_fk" FOREIGN KEY ("organisation_id","item_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_dependencies" ADD CONSTRAINT "roadmap_dependencies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_dependencies" ADD CONSTRAINT "roadmap_dependencies_item_fk" FOREIGN KEY ("organisation_id","item_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_dependencies" ADD CONSTRAINT "roadmap_dependencies_depends_on_fk" FOREIGN KEY ("organisation_id","depends_on_id") REFERENCES "public"."roadmap_items"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_program_fk" FOREIGN KEY ("organisation_id","program_id") REFERENCES "public"."programs"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_feature_fk" FOREIGN KEY ("organisation_id","feature_id") REFERENCES "public"."features"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_cr_fk" FOREIGN KEY ("organisation_id","cr_id") REFERENCES "public"."change_requests"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_phase_limits" ADD CONSTRAINT "roadmap_phase_limits_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_versions" ADD CONSTRAINT "entity_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bugs_feature_live_idx" ON "bugs" USING btree ("organisation_id","feature_id","feature_version") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "bugs_fix_cr_live_idx" ON "bugs" USING btree ("organisation_id","fix_cr_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "bugs_status_live_idx" ON "bugs" USING btree ("organisation_id","status_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_status_live_idx" ON "change_requests" USING btree ("organisation_id","status_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_created_live_idx" ON "change_requests" USING btree ("organisation_id","created_at" DESC NULLS LAST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_product_live_idx" ON "change_requests" USING btree ("organisation_id","product_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_requests_feature_live_idx" ON "change_requests" USING btree ("organisation_id","feature_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "cr_dependencies_depends_on_idx" ON "cr_dependencies" USING btree ("organisation_id","depends_on_id");--> statement-breakpoint
CREATE INDEX "assignment_prerequisites_unresolved_idx" ON "assignment_prerequisites" USING btree ("organisation_id","prerequisite_item_id") WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_assignments_agent_idx" ON "roadmap_assignments" USING btree ("organisation_id","agent_id","status");--> statement-breakpoint
CREATE INDEX "roadmap_dependencies_depends_on_idx" ON "roadmap_dependencies" USING btree ("organisation_id","depends_on_id");--> statement-breakpoint
CREATE INDEX "roadmap_items_phase_rank_live_idx" ON "roadmap_items" USING btree ("organisation_id","phase_key","rank","status_key") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_program_phase_rank_live_idx" ON "roadmap_items" USING btree ("organisation_id","program_id","phase_key","rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_status_phase_rank_live_idx" ON "roadmap_items" USING btree ("organisation_id","status_key","phase_key","rank") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_active_phase_idx" ON "roadmap_items" USING btree ("organisation_id","phase_key") WHERE deleted_at IS NULL AND status_key NOT IN ('completed', 'deferred');--> statement-breakpoint
CREATE INDEX "roadmap_items_product_live_idx" ON "roadmap_items" USING btree ("organisation_id","product_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_feature_live_idx" ON "roadmap_items" USING btree ("organisation_id","feature_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "roadmap_items_cr_live_idx" ON "roadmap_items" USING btree ("organisation_id","cr_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "audit_log_timestamp_idx" ON "audit_log" USING btree ("timestamp");--> statement-breakpoint
CREATE INDEX "audit_log_resource_idx" ON "audit_log" USING btree ("resource_type","resource_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor");--> statement-breakpoint
CREATE INDEX "audit_log_organisation_timestamp_idx" ON "audit_log" USING btree ("organisation_id","timestamp" DESC NULLS LAST);