-- Issue 18 (orchestration): the run page and the runs list follow a build live, so the tables of
-- a run are announced on the change feed (0034_change_feed; card and approval_request already are).
-- event_log and agent_commit are append-only: an insert is their only change.
SELECT announce_changes_on(t.name::regclass, t.id_column)
FROM (VALUES
  ('orchestration_run', 'id'), ('card_assignment', 'id'), ('agent_execution', 'id'), ('agent_commit', 'id'),
  ('run_check', 'id'), ('pull_request_candidate', 'id'), ('event_log', 'id'), ('system_policy_profile', 'id')
) AS t (name, id_column);
