ALTER TABLE "planning_action" DROP CONSTRAINT "planning_action_action_type_check";--> statement-breakpoint
ALTER TABLE "planning_action" ADD COLUMN "actor" text;--> statement-breakpoint
ALTER TABLE "planning_action" ADD CONSTRAINT "planning_action_action_type_check" CHECK ("planning_action"."action_type" IN ('updateProject', 'createWorkflow', 'createActivity', 'createCard', 'updateCard', 'reorderCard', 'deleteWorkflow', 'deleteActivity', 'deleteCard', 'linkContextArtifact', 'createContextArtifact', 'upsertCardPlannedFile', 'upsertCardKnowledgeItem', 'updateWorkflow', 'updateActivity') OR "planning_action"."validation_status" = 'rejected');--> statement-breakpoint

-- Issue 18, items 1-4: the story map in the browser.
-- 1. Every planning action names who asked for it: the transaction's actor (the action wrapper sets it).
CREATE TRIGGER planning_action_actor BEFORE INSERT ON planning_action
  FOR EACH ROW EXECUTE FUNCTION stamp_actor('actor');
--> statement-breakpoint

-- 2. A card is finalized (ready to build) only with at least one live requirement: what the build
--    is to satisfy must be written down first. Checked when finalized_at is set, not on insert (an
--    import may bring cards finalized elsewhere).
CREATE FUNCTION card_finalize_needs_requirement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM card_requirement r
                 WHERE r.organisation_id = NEW.organisation_id AND r.card_id = NEW.id AND r.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'Card "%" has no requirements: add at least one requirement before finalizing it', NEW.title
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER card_finalize_needs_requirement BEFORE UPDATE OF finalized_at ON card
  FOR EACH ROW WHEN (OLD.finalized_at IS NULL AND NEW.finalized_at IS NOT NULL)
  EXECUTE FUNCTION card_finalize_needs_requirement();
--> statement-breakpoint

-- 3. The story map and the card page are live: their tables are on the change feed (card already is).
SELECT announce_changes_on(t.name::regclass, t.id_column)
FROM (VALUES
  ('project', 'id'), ('workflow', 'id'), ('workflow_activity', 'id'), ('planning_action', 'id'),
  ('context_artifact', 'id'), ('card_context_artifact', 'card_id'), ('card_requirement', 'id'),
  ('card_known_fact', 'id'), ('card_assumption', 'id'), ('card_question', 'id'), ('card_planned_file', 'id')
) AS t (name, id_column);
