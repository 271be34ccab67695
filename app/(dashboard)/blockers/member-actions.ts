import 'server-only';

import type { BlockerActions } from '@/components/blockers/types';
import type { MemberCaller } from '@/lib/auth/identity';
import { can } from '@/lib/organisations/permissions';

import { escalateBlocker, findBlockerTargets, listResolutionEvidence, raiseBlocker, resolveBlocker } from './actions';

/** The blocker actions a member's role allows, for the dialogs of the blocker desk and a task's page. */
export function blockerActionsFor(member: MemberCaller): BlockerActions {
  const canResolve = can(member.role, 'blockers:resolve');
  return {
    organisationId: member.organisationId,
    raiseBlocker: can(member.role, 'blockers:raise') ? raiseBlocker : undefined,
    resolveBlocker: canResolve ? resolveBlocker : undefined,
    escalateBlocker: canResolve ? escalateBlocker : undefined,
    findBlockerTargets,
    listResolutionEvidence,
  };
}
