-- Issue 17: the audit page and the history of any item.
--
-- 1. The audit page reads an organisation's rows newest first, page by page on (timestamp, id):
--    one index serves the order and the cursor, so a page costs the same at any depth (docs/audit.md).
--    It replaces audit_log_organisation_timestamp_idx, whose columns it starts with.
DROP INDEX IF EXISTS audit_log_organisation_timestamp_idx;
--> statement-breakpoint
CREATE INDEX audit_log_organisation_time_id_idx ON audit_log USING btree (organisation_id, "timestamp" DESC NULLS FIRST, id DESC NULLS FIRST);
--> statement-breakpoint
-- The page filtered by who, or by one item, reads the same order within those rows.
CREATE INDEX "audit_log_organisation_actor_time_idx" ON "audit_log" USING btree ("organisation_id","actor","timestamp" DESC NULLS FIRST,"id" DESC NULLS FIRST);
--> statement-breakpoint
CREATE INDEX "audit_log_organisation_resource_time_idx" ON "audit_log" USING btree ("organisation_id","resource_id","timestamp" DESC NULLS FIRST,"id" DESC NULLS FIRST);
--> statement-breakpoint

-- 2. An edit of a versioned item (change request, product, feature, bug, roadmap item) is in the
--    audit log too, not only in entity_versions: one row per change, by whoever made it, with the
--    changed fields' old and new values. Baselines, creations and trash events are not edits (a
--    delete or restore has its own row, migration plan_soft_delete).
CREATE FUNCTION entity_version_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  previous jsonb;
  old_values jsonb;
  new_values jsonb;
BEGIN
  SELECT v.data INTO previous
  FROM entity_versions v
  WHERE v.organisation_id = NEW.organisation_id AND v.entity_type = NEW.entity_type AND v.entity_id = NEW.entity_id AND v.version < NEW.version
  ORDER BY v.version DESC
  LIMIT 1;
  SELECT coalesce(jsonb_object_agg(n.key, previous -> n.key), '{}'), coalesce(jsonb_object_agg(n.key, n.value), '{}')
    INTO old_values, new_values
  FROM jsonb_each(NEW.data) n
  WHERE previous IS NULL OR (previous -> n.key) IS DISTINCT FROM n.value;
  IF new_values = '{}' THEN
    RETURN NULL;
  END IF;
  INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, old_value, new_value, instance_id)
  VALUES (NEW.organisation_id, 'plan.update', NEW.changed_by, NEW.entity_type, NEW.entity_id, 'update',
          CASE WHEN previous IS NULL THEN NULL ELSE old_values END, new_values, current_instance_id());
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entity_versions_audit AFTER INSERT ON entity_versions
  FOR EACH ROW WHEN (NEW.change_reason IS NULL)
  EXECUTE FUNCTION entity_version_audit();
