CREATE TABLE "invitations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	CONSTRAINT "invitations_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "invitations_role_check" CHECK ("invitations"."role" IN ('owner', 'manager', 'reviewer', 'builder', 'viewer')),
	CONSTRAINT "invitations_email_check" CHECK ("invitations"."email" = lower(btrim("invitations"."email")) AND "invitations"."email" LIKE '_%@_%'),
	CONSTRAINT "invitations_token_hash_check" CHECK ("invitations"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "invitations_expires_check" CHECK ("invitations"."expires_at" > "invitations"."created_at"),
	CONSTRAINT "invitations_accepted_check" CHECK (("invitations"."accepted_at" IS NULL) = ("invitations"."accepted_by" IS NULL)),
	CONSTRAINT "invitations_revoked_check" CHECK (("invitations"."revoked_at" IS NULL) = ("invitations"."revoked_by" IS NULL)),
	CONSTRAINT "invitations_used_or_revoked" CHECK ("invitations"."accepted_at" IS NULL OR "invitations"."revoked_at" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	CONSTRAINT "password_resets_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "password_resets_token_hash_check" CHECK ("password_resets"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "password_resets_expires_check" CHECK ("password_resets"."expires_at" > "password_resets"."created_at"),
	CONSTRAINT "password_resets_revoked_check" CHECK (("password_resets"."revoked_at" IS NULL) = ("password_resets"."revoked_by" IS NULL)),
	CONSTRAINT "password_resets_used_or_revoked" CHECK ("password_resets"."used_at" IS NULL OR "password_resets"."revoked_at" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_revoked_by_user_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_revoked_by_user_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_email_open_key" ON "invitations" USING btree ("organisation_id","email") WHERE accepted_at IS NULL AND revoked_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_user_open_key" ON "password_resets" USING btree ("organisation_id","user_id") WHERE used_at IS NULL AND revoked_at IS NULL;