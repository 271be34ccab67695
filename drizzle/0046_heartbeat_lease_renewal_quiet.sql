-- Issue 14 (the heartbeat's share of PostgreSQL): a lease renewal is no longer announced on the
-- change feed. A heartbeat's lease update moves only expires_at and last_heartbeat, which no page
-- shows (the builders and task pages show the builder's last heartbeat, from builders, and an
-- attempt's state, from attempts); each builder heartbeat's builders row is announced anyway
-- (heartbeats_touch_builder moves last_heartbeat). So a heartbeat now costs one change_log row and
-- one pg_notify, not two. A lease's insert, delete and every other update (a release by a
-- completion, a hand-off or the sweep) are announced as before; as on api_tokens (migration 0034),
-- the update trigger fires only when more than the two renewal columns changed.
DROP TRIGGER announce_change ON leases;--> statement-breakpoint
CREATE TRIGGER announce_change AFTER INSERT OR DELETE ON leases FOR EACH ROW EXECUTE FUNCTION announce_change('id');--> statement-breakpoint
CREATE TRIGGER announce_change_update AFTER UPDATE ON leases FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'expires_at' - 'last_heartbeat') IS DISTINCT FROM (to_jsonb(NEW) - 'expires_at' - 'last_heartbeat'))
  EXECUTE FUNCTION announce_change('id');
