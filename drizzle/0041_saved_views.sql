-- Saved views (issue 17; docs/import-export.md#saved-views): a board or list with its filters,
-- saved under a name and shared in the organisation. Generated DDL, then its rules.
CREATE TABLE "saved_views" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"query" text DEFAULT '' NOT NULL,
	"created_by" text DEFAULT current_actor() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text DEFAULT current_actor() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	CONSTRAINT "saved_views_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "saved_views_name_check" CHECK (btrim("saved_views"."name") <> '' AND length("saved_views"."name") <= 100),
	CONSTRAINT "saved_views_path_check" CHECK ("saved_views"."path" ~ '^/[a-z0-9/_-]*$' AND length("saved_views"."path") <= 200),
	CONSTRAINT "saved_views_query_check" CHECK (length("saved_views"."query") <= 2000),
	CONSTRAINT "saved_views_deleted_check" CHECK (("saved_views"."deleted_at" IS NULL) = ("saved_views"."deleted_by" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_views_live_idx" ON "saved_views" USING btree ("organisation_id","name") WHERE deleted_at IS NULL;--> statement-breakpoint

-- Seed 001's org_isolation, as on every tenant table: the organisation's members share its views.
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON saved_views
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON saved_views TO gantry_app;
--> statement-breakpoint

-- Who changed a view last is the writing transaction's actor, whatever the statement says.
CREATE FUNCTION saved_views_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_by := current_actor();
  NEW.updated_at := now();
  NEW.created_by := OLD.created_by;
  NEW.created_at := OLD.created_at;
  IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
    NEW.deleted_by := current_actor();
  ELSIF NEW.deleted_at IS NULL THEN
    NEW.deleted_by := NULL;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER saved_views_touch BEFORE UPDATE ON saved_views
  FOR EACH ROW EXECUTE FUNCTION saved_views_touch();
