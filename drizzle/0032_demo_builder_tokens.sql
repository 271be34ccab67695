-- The embedded demo's simulated builders (`npm start`, issue 14) call the agent API with tokens
-- that Gantry makes for itself at start-up, before anyone may have an account: such a token has
-- no maker. Only that token may lack one; every other token names the person who made it.
ALTER TABLE "api_tokens" ALTER COLUMN "created_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_maker_check" CHECK ("api_tokens"."created_by" IS NOT NULL OR "api_tokens"."name" = 'Demo builder (npm start)');--> statement-breakpoint
-- The maker may now be NULL: compare it with IS DISTINCT FROM, so that it still never changes
-- (otherwise as 0030_agent_api_rules left it).
CREATE OR REPLACE FUNCTION api_tokens_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                                     OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    RAISE EXCEPTION 'ACCESS: A revoked API token stays revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.organisation_id <> OLD.organisation_id OR NEW.id <> OLD.id
     OR NEW.builder_id IS DISTINCT FROM OLD.builder_id OR NEW.user_id IS DISTINCT FROM OLD.user_id
     OR NEW.token_hash <> OLD.token_hash OR NEW.token_prefix <> OLD.token_prefix
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'ACCESS: An API token cannot be changed; revoke it and create another'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
