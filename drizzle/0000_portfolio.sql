CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "organisations_slug_format" CHECK ("organisations"."slug" ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	CONSTRAINT "organisations_name_not_blank" CHECK (btrim("organisations"."name") <> '')
);
--> statement-breakpoint
CREATE TABLE "terminology" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "terminology_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"domain" text NOT NULL,
	"internal_key" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"deprecated_at" timestamp with time zone,
	"replaced_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"deletion_reason" text,
	CONSTRAINT "terminology_domain_internal_key_key" UNIQUE("domain","internal_key")
);
--> statement-breakpoint
CREATE TABLE "features" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"product_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status_key" text DEFAULT 'planned' NOT NULL,
	"version" text,
	"introduced_in" text,
	"deprecated_in" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "features_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"program_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status_key" text DEFAULT 'active' NOT NULL,
	"version" text DEFAULT '0.0.0' NOT NULL,
	"repository_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "products_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"type_key" text DEFAULT 'software' NOT NULL,
	"status_key" text DEFAULT 'active' NOT NULL,
	"owner" text,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"progress_percentage" integer DEFAULT 0 NOT NULL,
	"evidence_location" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "programs_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "programs_state_check" CHECK ("programs"."state" IN ('planned', 'in-progress', 'blocked', 'completed', 'failed')),
	CONSTRAINT "programs_progress_percentage_check" CHECK ("programs"."progress_percentage" BETWEEN 0 AND 100),
	CONSTRAINT "programs_objectives_is_array" CHECK (jsonb_typeof("programs"."objectives") = 'array')
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"organisation_id" uuid NOT NULL,
	"id" text NOT NULL,
	"product_id" text NOT NULL,
	"type_key" text DEFAULT 'version' NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status_key" text DEFAULT 'pending' NOT NULL,
	"target_date" date,
	"published_at" timestamp with time zone,
	"external_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "releases_pkey" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_program_fk" FOREIGN KEY ("organisation_id","program_id") REFERENCES "public"."programs"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_product_fk" FOREIGN KEY ("organisation_id","product_id") REFERENCES "public"."products"("organisation_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_live_key" ON "organisations" USING btree ("slug") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "terminology_domain_sort_idx" ON "terminology" USING btree ("domain","sort_order") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "features_product_live_idx" ON "features" USING btree ("organisation_id","product_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "products_program_live_idx" ON "products" USING btree ("organisation_id","program_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "programs_name_live_key" ON "programs" USING btree ("organisation_id","name") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "programs_state_live_idx" ON "programs" USING btree ("organisation_id","state") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "releases_product_live_idx" ON "releases" USING btree ("organisation_id","product_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "releases_target_date_live_idx" ON "releases" USING btree ("organisation_id","target_date") WHERE deleted_at IS NULL;