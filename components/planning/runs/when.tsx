/** A moment as the audit pages show it: medium date and time, in UTC. */
export function When({ at }: { at: Date | string | null }) {
  if (!at) return <span className="text-muted-foreground">—</span>;
  const date = new Date(at);
  return <time dateTime={date.toISOString()}>{date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC</time>;
}

/** The sentence of an event_log entry on a run's timeline. */
export function eventSentence(type: string, payload: Record<string, unknown>): string {
  const p = (key: string) => (payload[key] === undefined || payload[key] === null ? '' : String(payload[key]));
  switch (type) {
    case 'run_initialized':
      return `Run started (${p('scope')} scope, ${Array.isArray(payload.card_ids) ? payload.card_ids.length : 0} card${Array.isArray(payload.card_ids) && payload.card_ids.length === 1 ? '' : 's'})`;
    case 'assignment_created':
      return `Card assigned to ${p('agent_profile')} as ${p('agent_role')}`;
    case 'assignment_dispatched':
      return `Assignment dispatched to ${p('agent_profile')}`;
    case 'assignment_resumed':
      return 'Blocked assignment resumed';
    case 'execution_reported':
      return `Execution ${p('status')}${payload.summary ? `: ${p('summary')}` : ''}`;
    case 'commit_reported':
      return `Commit ${p('sha').slice(0, 10)} on ${p('branch')}`;
    case 'check_reported':
      return `Check ${p('check_type')} ${p('status')}`;
    case 'checks_completed':
      return `Checks completed (passed: ${Array.isArray(payload.passed) ? payload.passed.join(', ') : '—'})`;
    case 'pr_candidate_reported':
      return `Pull request “${p('title')}” ${p('status').replace('_', ' ')}`;
    case 'approval_requested':
      return `Approval requested to ${p('approval_type') === 'merge_pr' ? 'merge' : 'create'} the pull request`;
    case 'approval_resolved':
      return `Approval to ${p('approval_type') === 'merge_pr' ? 'merge' : 'create'} the pull request ${p('status')}`;
    case 'run_cancelled':
      return 'Run cancelled';
    case 'run_completed':
      return 'Run completed';
    default:
      return type.replace(/_/g, ' ');
  }
}
