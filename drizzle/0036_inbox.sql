CREATE TABLE "inbox_reads" (
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"entry_key" text NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text DEFAULT current_actor() NOT NULL,
	CONSTRAINT "inbox_reads_pkey" PRIMARY KEY("organisation_id","user_id","entry_key"),
	CONSTRAINT "inbox_reads_entry_key_check" CHECK (length("inbox_reads"."entry_key") BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE TABLE "watches" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text DEFAULT current_actor() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	CONSTRAINT "watches_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "watches_entity_type_check" CHECK ("watches"."entity_type" IN ('programs', 'products', 'features', 'bugs', 'releases', 'change_requests', 'roadmap_items')),
	CONSTRAINT "watches_deleted_check" CHECK (("watches"."deleted_at" IS NULL) = ("watches"."deleted_by" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "change_log" ADD COLUMN "actor" text DEFAULT current_actor() NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_reads" ADD CONSTRAINT "inbox_reads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reads" ADD CONSTRAINT "inbox_reads_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watches" ADD CONSTRAINT "watches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watches" ADD CONSTRAINT "watches_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "watches_person_entity_live_key" ON "watches" USING btree ("organisation_id","user_id","entity_type","entity_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "watches_entity_live_idx" ON "watches" USING btree ("organisation_id","entity_type","entity_id") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "change_log_entity_seq_idx" ON "change_log" USING btree ("organisation_id","entity_type","entity_id","seq");--> statement-breakpoint

-- The "needs you" inbox (docs/inbox.md). Hand-written rules after the generated DDL above.
-- change_log.actor (added above, DEFAULT current_actor()): who made each change, so a watcher is
-- not told about their own edits. announce_change() inserts without naming it, so the default
-- records the writing transaction's actor.

-- Seed 001's org_isolation, as on every tenant table; and a person's marks and watches are theirs
-- alone: a restrictive policy lets a transaction read and write only the rows of the person it
-- acts as (gantry.actor 'user:<id>'; a personal token acts as its member). Seeding and migrations
-- run as the connection's user and are not subject to policies.
ALTER TABLE inbox_reads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON inbox_reads
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
CREATE POLICY own_rows ON inbox_reads AS RESTRICTIVE
  USING (current_actor() = 'user:' || user_id) WITH CHECK (current_actor() = 'user:' || user_id);
--> statement-breakpoint
ALTER TABLE watches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON watches
  USING (organisation_id = current_user_org_id()) WITH CHECK (organisation_id = current_user_org_id());
--> statement-breakpoint
CREATE POLICY own_rows ON watches AS RESTRICTIVE
  USING (current_actor() = 'user:' || user_id) WITH CHECK (current_actor() = 'user:' || user_id);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON inbox_reads, watches TO gantry_app;
--> statement-breakpoint

-- A watch names a live row of its organisation when it is made.
CREATE FUNCTION watches_entity_exists() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  found boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE organisation_id = $1 AND id = $2 AND deleted_at IS NULL)', NEW.entity_type)
    INTO found USING NEW.organisation_id, NEW.entity_id;
  IF NOT found THEN
    RAISE EXCEPTION 'INBOX: No live % with id % in this organisation', NEW.entity_type, NEW.entity_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER watches_entity_exists BEFORE INSERT ON watches
  FOR EACH ROW EXECUTE FUNCTION watches_entity_exists();
--> statement-breakpoint

-- On the feed, identified by the person: a page learns that this person's marks or watches
-- changed (the header's count) without the key or the item being named to anyone else.
SELECT announce_changes_on('inbox_reads', 'user_id');
--> statement-breakpoint
SELECT announce_changes_on('watches', 'user_id');
--> statement-breakpoint

-- The title of a watchable row, live or deleted.
CREATE FUNCTION inbox_entity_title(org uuid, entity_type text, entity_id text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE entity_type
    WHEN 'programs' THEN (SELECT name FROM programs WHERE organisation_id = org AND id = entity_id)
    WHEN 'products' THEN (SELECT name FROM products WHERE organisation_id = org AND id = entity_id)
    WHEN 'features' THEN (SELECT name FROM features WHERE organisation_id = org AND id = entity_id)
    WHEN 'releases' THEN (SELECT coalesce(p.name || ' ', '') || r.name FROM releases r LEFT JOIN products p ON p.organisation_id = r.organisation_id AND p.id = r.product_id
                          WHERE r.organisation_id = org AND r.id = entity_id)
    WHEN 'bugs' THEN (SELECT title FROM bugs WHERE organisation_id = org AND id = entity_id)
    WHEN 'change_requests' THEN (SELECT title FROM change_requests WHERE organisation_id = org AND id = entity_id)
    WHEN 'roadmap_items' THEN (SELECT title FROM roadmap_items WHERE organisation_id = org AND id = entity_id)
  END
$$;
--> statement-breakpoint

-- What needs each member, in one place: the inbox page, the header's count and the API read it
-- (lib/inbox/inbox.ts), always filtered to one person. One row per entry:
--   kind        blocker | escalation | blocked_work | review | release | watched
--   entry_key   stable while the entry says the same thing; a new key when it changes (a new
--               verdict, a newer change, a new version of a blocked item), so it returns unread
--   link_kind   where it is fixed (lib/links/entity-href.ts kinds), link_id its id
--   read_at     the person's read mark for this key, NULL while unread
-- Owners are matched by stable id only ('user:<userId>', docs/schema-map.md "Owners of work items").
CREATE VIEW v_inbox_entries WITH (security_invoker = true) AS
SELECT e.organisation_id, e.user_id, e.entry_key, e.kind, e.link_kind, e.link_id, e.title, e.detail, e.occurred_at, r.read_at
FROM (
  -- Open blockers on the roadmap items a person owns (a lapsed lease's builder_stall blocker among them).
  SELECT m.organisation_id, m.user_id, 'blocker:' || b.id AS entry_key, 'blocker' AS kind,
         'blocker' AS link_kind, b.id AS link_id, coalesce(b.title, b.description) AS title,
         CASE WHEN b.classification = 'builder_stall' THEN 'A builder went silent on your item ' ELSE 'Blocks your item ' END
           || i.id || ' · ' || i.title AS detail,
         b.detected_at AS occurred_at
  FROM memberships m
  JOIN roadmap_items i ON i.organisation_id = m.organisation_id AND i.owner = 'user:' || m.user_id AND i.deleted_at IS NULL
  JOIN blockers b ON b.organisation_id = i.organisation_id AND b.work_id = i.id AND b.resolved_at IS NULL AND b.deleted_at IS NULL
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- Open blockers escalated to a person.
  SELECT m.organisation_id, m.user_id, 'escalation:' || b.id || ':' || floor(extract(epoch FROM b.escalated_at))::bigint,
         'escalation', 'blocker', b.id, coalesce(b.title, b.description),
         'Escalated to you' || coalesce(' · ' || b.work_id, ''), b.escalated_at
  FROM memberships m
  JOIN blockers b ON b.organisation_id = m.organisation_id AND b.escalated_to = 'user:' || m.user_id
   AND b.resolved_at IS NULL AND b.deleted_at IS NULL
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- A person's own work that is blocked.
  SELECT m.organisation_id, m.user_id, 'blocked:' || i.id || ':' || i.row_version, 'blocked_work', 'roadmap', i.id, i.title,
         'Your item is blocked', i.updated_at
  FROM memberships m
  JOIN roadmap_items i ON i.organisation_id = m.organisation_id AND i.owner = 'user:' || m.user_id
   AND i.status_key = 'blocked' AND i.deleted_at IS NULL
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- Reviews assigned to a person on open items.
  SELECT m.organisation_id, m.user_id, 'review:' || a.id, 'review', 'roadmap', i.id, i.title,
         'Review assigned to you', a.assigned_at
  FROM memberships m
  JOIN roadmap_assignments a ON a.organisation_id = m.organisation_id AND a.agent_id = 'user:' || m.user_id
   AND a.role = 'reviewer' AND a.status IN ('assigned', 'active')
  JOIN roadmap_items i ON i.organisation_id = a.organisation_id AND i.id = a.item_id
   AND i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred')
  WHERE m.deleted_at IS NULL
  UNION ALL
  -- Unpublished releases whose verdict (v_release_verdict, never recomputed) is Blocked or Not
  -- ready, for the members who review them: every member with the reviewer role, and whoever
  -- watches the release.
  SELECT m.organisation_id, m.user_id, 'release:' || rel.id || ':' || v.verdict, 'release', 'release', rel.id,
         inbox_entity_title(rel.organisation_id, 'releases', rel.id),
         CASE v.verdict WHEN 'blocked' THEN 'Blocked' ELSE 'Not ready' END, rel.updated_at
  FROM memberships m
  JOIN releases rel ON rel.organisation_id = m.organisation_id AND rel.deleted_at IS NULL AND rel.published_at IS NULL
  JOIN v_release_verdict v ON v.organisation_id = rel.organisation_id AND v.release_id = rel.id AND v.verdict IN ('blocked', 'not_ready')
  WHERE m.deleted_at IS NULL
    AND (m.role = 'reviewer' OR EXISTS (
      SELECT 1 FROM watches w
      WHERE w.organisation_id = m.organisation_id AND w.user_id = m.user_id AND w.entity_type = 'releases'
        AND w.entity_id = rel.id AND w.deleted_at IS NULL))
  UNION ALL
  -- The newest change someone else made to an item a person watches, since they began watching.
  SELECT w.organisation_id, w.user_id, 'watched:' || w.entity_type || ':' || w.entity_id || ':' || c.seq, 'watched',
         CASE w.entity_type WHEN 'programs' THEN 'program' WHEN 'products' THEN 'product' WHEN 'features' THEN 'feature'
           WHEN 'bugs' THEN 'bug' WHEN 'releases' THEN 'release' WHEN 'change_requests' THEN 'cr' ELSE 'roadmap' END,
         w.entity_id, coalesce(inbox_entity_title(w.organisation_id, w.entity_type, w.entity_id), w.entity_id),
         CASE c.op WHEN 'insert' THEN 'Created' WHEN 'delete' THEN 'Deleted' ELSE 'Changed' END, c.changed_at
  FROM watches w
  JOIN memberships m ON m.organisation_id = w.organisation_id AND m.user_id = w.user_id AND m.deleted_at IS NULL
  JOIN LATERAL (
    SELECT cl.seq, cl.op, cl.changed_at
    FROM change_log cl
    WHERE cl.organisation_id = w.organisation_id AND cl.entity_type = w.entity_type AND cl.entity_id = w.entity_id
      AND cl.changed_at > w.created_at AND cl.actor <> 'user:' || w.user_id
    ORDER BY cl.seq DESC
    LIMIT 1
  ) c ON true
  WHERE w.deleted_at IS NULL
) e
LEFT JOIN inbox_reads r ON r.organisation_id = e.organisation_id AND r.user_id = e.user_id AND r.entry_key = e.entry_key;
