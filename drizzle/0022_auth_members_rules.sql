-- Hand-written rules for members, invitations and password-reset links (issue 4, second part):
-- row-level security on the two new tables, their one-time use and audit, and two questions about
-- accounts that the application role may ask only through functions.
-- Statements are separated by drizzle's breakpoint marker because PGlite runs one per query.

-- Seed 001's org_isolation, as on every tenant-owned table (migration auth_rules).
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON invitations
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint

CREATE TRIGGER invitations_updated_at BEFORE UPDATE ON invitations
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- An invitation is what it was made as. It is used once, before it expires, or revoked; either
-- is final. Only accepted_*, revoked_* (and updated_at) may be written, once.
CREATE FUNCTION invitations_once() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.organisation_id <> OLD.organisation_id OR NEW.id <> OLD.id OR NEW.email <> OLD.email
     OR NEW.role <> OLD.role OR NEW.token_hash <> OLD.token_hash OR NEW.created_by <> OLD.created_by
     OR NEW.created_at <> OLD.created_at OR NEW.expires_at <> OLD.expires_at THEN
    RAISE EXCEPTION 'ACCESS: An invitation cannot be changed; revoke it and invite again'
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.accepted_at IS NOT NULL AND (NEW.accepted_at IS DISTINCT FROM OLD.accepted_at
                                      OR NEW.accepted_by IS DISTINCT FROM OLD.accepted_by) THEN
    RAISE EXCEPTION 'ACCESS: This invitation was used already' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                                     OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    RAISE EXCEPTION 'ACCESS: This invitation was revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.accepted_at IS NULL AND NEW.accepted_at IS NOT NULL AND OLD.expires_at <= now() THEN
    RAISE EXCEPTION 'ACCESS: This invitation has expired; ask for a new one' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invitations_once BEFORE UPDATE ON invitations
  FOR EACH ROW EXECUTE FUNCTION invitations_once();
--> statement-breakpoint

-- Inviting, accepting and revoking go to the audit log (never the token's hash).
CREATE FUNCTION invitations_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         new_value, instance_id)
  VALUES (
    NEW.organisation_id,
    'invitation',
    current_actor(),
    'invitation',
    NEW.id::text,
    CASE
      WHEN TG_OP = 'INSERT' THEN 'create'
      WHEN NEW.accepted_at IS NOT NULL THEN 'accept'
      ELSE 'revoke'
    END,
    jsonb_build_object('email', NEW.email, 'role', NEW.role, 'expires_at', NEW.expires_at,
                       'accepted_by', NEW.accepted_by),
    current_instance_id()
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invitations_audit_insert AFTER INSERT ON invitations
  FOR EACH ROW EXECUTE FUNCTION invitations_audit();
--> statement-breakpoint
CREATE TRIGGER invitations_audit_update AFTER UPDATE OF accepted_at, revoked_at ON invitations
  FOR EACH ROW WHEN ((OLD.accepted_at IS NULL AND NEW.accepted_at IS NOT NULL)
                     OR (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL))
  EXECUTE FUNCTION invitations_audit();
--> statement-breakpoint

-- An owner adds a person by email: the app role sees only the accounts of its own members
-- (policy user_member_of_organisation), so this one question about any account, "whose is this
-- address?", is answered by a function that runs with its owner's rights and answers nothing
-- else. It answers only inside an organisation (the caller is checked as an owner before).
CREATE FUNCTION account_id_by_email(address text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id FROM "user" u
  WHERE current_user_org_id() IS NOT NULL AND u.email = lower(btrim(address))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION account_id_by_email(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION account_id_by_email(text) TO gantry_app;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------
-- Password-reset links
-- ---------------------------------------------------------------------------------------------

ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON password_resets
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
CREATE TRIGGER password_resets_updated_at BEFORE UPDATE ON password_resets
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint

-- A reset link is used once, before it expires, or revoked; either is final.
CREATE FUNCTION password_resets_once() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.organisation_id <> OLD.organisation_id OR NEW.id <> OLD.id OR NEW.user_id <> OLD.user_id
     OR NEW.token_hash <> OLD.token_hash OR NEW.created_by <> OLD.created_by
     OR NEW.created_at <> OLD.created_at OR NEW.expires_at <> OLD.expires_at THEN
    RAISE EXCEPTION 'ACCESS: A password-reset link cannot be changed; issue another'
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.used_at IS NOT NULL AND NEW.used_at IS DISTINCT FROM OLD.used_at THEN
    RAISE EXCEPTION 'ACCESS: This password-reset link was used already' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                                     OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    RAISE EXCEPTION 'ACCESS: This password-reset link was revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.used_at IS NULL AND NEW.used_at IS NOT NULL AND OLD.expires_at <= now() THEN
    RAISE EXCEPTION 'ACCESS: This password-reset link has expired; ask for a new one' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER password_resets_once BEFORE UPDATE ON password_resets
  FOR EACH ROW EXECUTE FUNCTION password_resets_once();
--> statement-breakpoint

-- Issuing, using and revoking a link go to the audit log (never the hash).
CREATE FUNCTION password_resets_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action,
                         new_value, instance_id)
  VALUES (
    NEW.organisation_id,
    'password_reset',
    current_actor(),
    'user',
    NEW.user_id,
    CASE
      WHEN TG_OP = 'INSERT' THEN 'create'
      WHEN NEW.used_at IS NOT NULL THEN 'use'
      ELSE 'revoke'
    END,
    jsonb_build_object('link_id', NEW.id, 'expires_at', NEW.expires_at),
    current_instance_id()
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER password_resets_audit_insert AFTER INSERT ON password_resets
  FOR EACH ROW EXECUTE FUNCTION password_resets_audit();
--> statement-breakpoint
CREATE TRIGGER password_resets_audit_update AFTER UPDATE OF used_at, revoked_at ON password_resets
  FOR EACH ROW WHEN ((OLD.used_at IS NULL AND NEW.used_at IS NOT NULL)
                     OR (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL))
  EXECUTE FUNCTION password_resets_audit();
--> statement-breakpoint

-- An owner of one organisation must not take over an account that also works in another (it could
-- be an owner there): a reset link is issued only for someone who belongs to the current
-- organisation alone. The app role sees the current organisation's memberships only, so this
-- question, too, is answered by a function with its owner's rights.
CREATE FUNCTION member_of_other_organisations(member text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT current_user_org_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.user_id = member AND m.deleted_at IS NULL AND m.organisation_id <> current_user_org_id()
  )
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION member_of_other_organisations(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION member_of_other_organisations(text) TO gantry_app;
