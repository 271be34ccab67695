-- Hand-written rules for sign-in, organisations and roles (issue 4): the application role and its
-- grants, the caller's organisation, row-level security on every tenant-owned table (seed 001's
-- org_isolation), views that respect it, the membership and API-token rules and their audit, and
-- the secret that signs session cookies.
-- Statements are separated by drizzle's breakpoint marker because PGlite runs one per query.

-- ---------------------------------------------------------------------------------------------
-- The application role
-- ---------------------------------------------------------------------------------------------

-- Every query of the app runs as gantry_app (lib/db: SET LOCAL ROLE in each transaction), so that
-- policies apply even where the connection's own user is a superuser (PGlite always is) or owns
-- the tables. Roles are cluster-wide and test databases of one cluster migrate at the same time:
-- create it only if missing, and let a concurrent creator win.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gantry_app') THEN
    CREATE ROLE gantry_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;
--> statement-breakpoint

-- The user that runs the app (the one that migrates) must be allowed to SET ROLE gantry_app. A
-- superuser already is; a plain owner becomes a member.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'gantry_app', 'MEMBER') THEN
    EXECUTE format('GRANT gantry_app TO %I', current_user);
  END IF;
EXCEPTION WHEN OTHERS THEN
  IF NOT pg_has_role(current_user, 'gantry_app', 'MEMBER') THEN
    RAISE;
  END IF;
END $$;
--> statement-breakpoint

GRANT USAGE ON SCHEMA public TO gantry_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO gantry_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gantry_app;
--> statement-breakpoint
-- Tables and sequences of later migrations (made by the same migrating user) are granted alike;
-- a later tenant table still needs its own org_isolation policy (auth-rls.test.ts checks it).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO gantry_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO gantry_app;
--> statement-breakpoint

-- Accounts, sessions and rate limits belong to the auth library, which works on the connection's
-- own user before any organisation is known. The app role sees only members' names and emails.
REVOKE ALL ON "user", session, account, verification, rate_limit FROM gantry_app;
--> statement-breakpoint
GRANT SELECT (id, name, email, image) ON "user" TO gantry_app;
--> statement-breakpoint
-- Instance-wide contracts change through migrations, not through a tenant's request.
REVOKE INSERT, UPDATE, DELETE ON terminology, instance_config FROM gantry_app;
--> statement-breakpoint
-- Organisations are created by the first-admin set-up (the connection's user) and never deleted.
REVOKE INSERT, DELETE ON organisations FROM gantry_app;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- The caller's organisation and actor
-- ---------------------------------------------------------------------------------------------

-- Seed 001's function. lib/db sets gantry.organisation_id with set_config(…, true): local to the
-- transaction, so a pooled connection never carries one request's organisation into the next.
-- Unset means no organisation: every policy below then matches nothing.
CREATE FUNCTION current_user_org_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('gantry.organisation_id', true), '')::uuid
$$;
--> statement-breakpoint

-- Who is acting, for audit rows written by triggers: 'user:<id>' or 'token:<id>', set beside the
-- organisation; 'system' for migrations, the seed and the command line.
CREATE FUNCTION current_actor() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(nullif(current_setting('gantry.actor', true), ''), 'system')
$$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------

-- Seed 001's org_isolation on every tenant-owned table, that is every table of the schema with an
-- organisation_id column (audit_log's instance-wide rows, organisation_id NULL, match no
-- organisation and stay with the connection's user). Owners and superusers bypass policies; the
-- app does not, because it runs as gantry_app.
DO $$
DECLARE
  tenant_table regclass;
BEGIN
  FOR tenant_table IN
    SELECT c.oid::regclass
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
  LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format(
      'CREATE POLICY org_isolation ON %s USING (organisation_id = current_user_org_id()) '
      'WITH CHECK (organisation_id = current_user_org_id())',
      tenant_table);
  END LOOP;
END $$;
--> statement-breakpoint

-- An organisation sees its own row only.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_self ON organisations
  USING (id = current_user_org_id()) WITH CHECK (id = current_user_org_id());
--> statement-breakpoint

-- A person's name and email are visible to the organisations they belong to, not to every tenant.
ALTER TABLE "user" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_member_of_organisation ON "user" FOR SELECT
  USING (EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.user_id = "user".id AND m.organisation_id = current_user_org_id() AND m.deleted_at IS NULL
  ));
--> statement-breakpoint

-- Instance settings are readable (audit triggers copy instance_id) except the secrets.
ALTER TABLE instance_config ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY instance_config_public ON instance_config FOR SELECT
  USING (key NOT IN ('auth_secret', 'federation_api_key'));
--> statement-breakpoint

-- A view runs with its owner's rights unless it is security_invoker: without this, selecting from
-- v_ready_items as gantry_app would read every organisation's rows.
DO $$
DECLARE
  view_name regclass;
BEGIN
  FOR view_name IN
    SELECT c.oid::regclass FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v'
  LOOP
    EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', view_name);
  END LOOP;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Memberships
-- ---------------------------------------------------------------------------------------------

CREATE TRIGGER memberships_updated_at BEFORE UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- An organisation always keeps a live owner: demoting or removing the last one is refused. The
-- advisory lock per organisation makes two owners demoting each other at once take turns.
CREATE FUNCTION memberships_keep_an_owner() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.role = 'owner' AND NEW.deleted_at IS NULL
     AND NEW.organisation_id = OLD.organisation_id THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('gantry.owners:' || OLD.organisation_id::text, 0));
  IF NOT EXISTS (
    SELECT 1 FROM memberships
    WHERE organisation_id = OLD.organisation_id AND role = 'owner' AND deleted_at IS NULL AND id <> OLD.id
  ) THEN
    RAISE EXCEPTION 'ACCESS: An organisation keeps at least one owner; make someone else owner first'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_keep_an_owner BEFORE UPDATE OR DELETE ON memberships
  FOR EACH ROW WHEN (OLD.role = 'owner' AND OLD.deleted_at IS NULL)
  EXECUTE FUNCTION memberships_keep_an_owner();
--> statement-breakpoint

-- Joining, role changes and leaving go to the audit log.
CREATE FUNCTION memberships_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         old_value, new_value, instance_id)
  VALUES (
    NEW.organisation_id,
    'membership',
    current_actor(),
    'membership',
    NEW.user_id,
    CASE
      WHEN TG_OP = 'INSERT' THEN 'create'
      WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'remove'
      ELSE 'role_change'
    END,
    CASE WHEN TG_OP = 'UPDATE' THEN jsonb_build_object('role', OLD.role) END,
    jsonb_build_object('role', NEW.role),
    current_instance_id()
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_audit_insert AFTER INSERT ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_audit();
--> statement-breakpoint
CREATE TRIGGER memberships_audit_update AFTER UPDATE OF role, deleted_at ON memberships
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION memberships_audit();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- API tokens
-- ---------------------------------------------------------------------------------------------

CREATE TRIGGER api_tokens_updated_at BEFORE UPDATE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- A token is what it was made as: its hash, builder and maker never change, and a revoked token
-- stays revoked. Only last_used_at (and the revocation itself) may be written.
CREATE FUNCTION api_tokens_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                                     OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    RAISE EXCEPTION 'ACCESS: A revoked API token stays revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.organisation_id <> OLD.organisation_id OR NEW.id <> OLD.id OR NEW.builder_id <> OLD.builder_id
     OR NEW.token_hash <> OLD.token_hash OR NEW.token_prefix <> OLD.token_prefix
     OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'ACCESS: An API token cannot be changed; revoke it and create another'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_tokens_immutable BEFORE UPDATE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION api_tokens_immutable();
--> statement-breakpoint

-- Creating and revoking a token go to the audit log (never its hash); using it does not.
CREATE FUNCTION api_tokens_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         new_value, instance_id)
  VALUES (
    NEW.organisation_id,
    'api_token',
    current_actor(),
    'api_token',
    NEW.id::text,
    CASE WHEN TG_OP = 'INSERT' THEN 'create' ELSE 'revoke' END,
    jsonb_build_object('builder_id', NEW.builder_id, 'name', NEW.name, 'token_prefix', NEW.token_prefix),
    current_instance_id()
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_tokens_audit_insert AFTER INSERT ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION api_tokens_audit();
--> statement-breakpoint
CREATE TRIGGER api_tokens_audit_revoke AFTER UPDATE OF revoked_at ON api_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION api_tokens_audit();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- The auth library's tables and secret
-- ---------------------------------------------------------------------------------------------

CREATE TRIGGER user_updated_at BEFORE UPDATE ON "user"
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER session_updated_at BEFORE UPDATE ON session
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER account_updated_at BEFORE UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- The key that signs session cookies: made once per database, so that every app instance in
-- front of it agrees without configuration (GANTRY_AUTH_SECRET overrides it). Two random uuids
-- without dashes: 64 hex characters, 244 random bits. Hidden from gantry_app by the policy above.
INSERT INTO instance_config (key, value)
VALUES ('auth_secret', replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''))
ON CONFLICT (key) DO NOTHING;
