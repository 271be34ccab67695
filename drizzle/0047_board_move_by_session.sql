-- Issue 19, item 3: a board move in one round trip. board_move_by_session signs the caller in by
-- their session token, checks their membership and role, enters their organisation as the
-- application role, and moves the card with board_move_item (migration 0045), in one call: the
-- board's move route answers a move with it before Next.js's router on PostgreSQL
-- (lib/board/move-fast-path.ts), where `npm start` runs that front (scripts/start.ts).
--
-- It does what the route's wrapper does for a signed-in person, under the same rules:
--  1. the session: the token (whose cookie signature the caller has already checked) names a live
--     session of an existing user that needs no refresh yet (better-auth refreshes a session once a
--     day, and sets a new cookie while doing so: that request goes on to the auth library);
--  2. the organisation: the session's chosen one if they are still a member of it, else the one they
--     joined first (lib/auth/identity.ts, callerOfSession), live memberships of live organisations only;
--  3. the role must be one of p_roles (the permission's roles, lib/organisations/permissions.ts);
--     whether it may move any card (plan:edit) is p_edit_roles;
--  4. then, as withOrganisation does: gantry.organisation_id, gantry.actor ('user:<id>': every
--     change records who made it) and the role gantry_app, all transaction-local, so row-level
--     security applies to the move and to whatever the transaction reads after it;
--  5. board_move_item, with the caller's stable owner id, decides and moves (its refusals GB4xx and
--     the tables' check violations reach the caller unchanged).
-- A caller it cannot sign in (1–3) is refused with SQLSTATE GB401 and no reason: the front then hands
-- the request to Next.js's route, which says why in words.
CREATE FUNCTION board_move_by_session(p_token text, p_refresh_within integer, p_roles text[], p_edit_roles text[],
                                      p_kind text, p_id text, p_to text, p_before text, p_after text, p_version integer, p_status_domain text,
                                      OUT organisation_id uuid, OUT actor text, OUT new_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  signed_in record;
  member record;
BEGIN
  SELECT s.user_id, s.active_organisation_id INTO signed_in
    FROM session s JOIN "user" u ON u.id = s.user_id
   WHERE s.token = p_token AND s.expires_at > now() + make_interval(secs => p_refresh_within);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No session to move with.' USING ERRCODE = 'GB401';
  END IF;
  SELECT m.organisation_id, m.role INTO member
    FROM memberships m JOIN organisations o ON o.id = m.organisation_id AND o.deleted_at IS NULL
   WHERE m.user_id = signed_in.user_id AND m.deleted_at IS NULL
   ORDER BY m.organisation_id IS NOT DISTINCT FROM signed_in.active_organisation_id DESC, m.created_at, o.name, o.slug
   LIMIT 1;
  IF NOT FOUND OR NOT member.role = ANY (p_roles) THEN
    RAISE EXCEPTION 'No membership to move with.' USING ERRCODE = 'GB401';
  END IF;
  organisation_id := member.organisation_id;
  actor := 'user:' || signed_in.user_id;
  PERFORM set_config('gantry.organisation_id', organisation_id::text, true), set_config('gantry.actor', actor, true),
          set_config('role', 'gantry_app', true);
  SELECT b.new_version INTO new_version
    FROM board_move_item(p_kind, organisation_id, p_id, p_to, p_before, p_after, p_version, p_status_domain,
                         member.role = ANY (p_edit_roles), jsonb_build_array(actor)) b;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION board_move_by_session(text, integer, text[], text[], text, text, text, text, text, integer, text) FROM PUBLIC;
