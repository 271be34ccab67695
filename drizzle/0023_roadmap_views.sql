-- The roadmap pages (issue 6): the blocked queue rewritten so that "the first 100" reads open
-- items one at a time instead of joining every edge of the organisation.

-- v_blocked_items, same columns, same rows. The original grouped a join of items, edges and
-- prerequisites by item, so a LIMIT in id order still merge-joined ~137,000 edges at scale L
-- (39-66 ms, docs/scale.md finding 1). With one LATERAL aggregate per open item, walked in id
-- order through roadmap_items_open_id_idx, the first 100 blocked items cost a few index probes
-- each (6 ms). CREATE OR REPLACE keeps the view's grants; its options are restated, since a
-- replaced view keeps only the options it is given.
CREATE OR REPLACE VIEW v_blocked_items WITH (security_invoker = true) AS
SELECT i.organisation_id, i.id, i.title, i.phase_key, i.status_key, b.blocking_count, b.blocking_items
FROM roadmap_items i
CROSS JOIN LATERAL (
  SELECT count(*)::integer AS blocking_count,
         string_agg(d.depends_on_id, ', ' ORDER BY d.depends_on_id) AS blocking_items
  FROM roadmap_dependencies d
  JOIN roadmap_items p
    ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id AND p.status_key <> 'completed'
  WHERE d.organisation_id = i.organisation_id AND d.item_id = i.id AND d.dependency_type = 'blocks'
) AS b
WHERE i.deleted_at IS NULL AND i.status_key NOT IN ('completed', 'deferred') AND b.blocking_count > 0;
