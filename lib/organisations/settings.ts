import 'server-only';

import { withOrganisation } from '../db/client';
import { listApiTokens, listBuilderIds, listPersonalApiTokens, type ApiTokenSummary } from './api-tokens';
import { actorOf, type MemberCaller } from '../auth/identity';
import { listInvitations, type InvitationSummary } from './members';
import { listMembers, type MemberSummary } from './memberships';
import { can } from './permissions';

export interface AccessSettings {
  members: MemberSummary[];
  /** Open invitations, for owners; empty for everyone else. */
  invitations: InvitationSummary[];
  /** Null when the member's role may not manage tokens: they do not see them. */
  tokens: ApiTokenSummary[] | null;
  builderIds: string[];
  /** The member's own personal tokens (every member may hold some). */
  personalTokens: ApiTokenSummary[];
}

/** What the settings page shows the member, read inside their organisation. */
export async function getAccessSettings(member: MemberCaller): Promise<AccessSettings> {
  const managesTokens = can(member.role, 'tokens:manage');
  const managesMembers = can(member.role, 'members:manage');
  return withOrganisation(
    member.organisationId,
    async (tx) => ({
      members: await listMembers(tx),
      invitations: managesMembers ? await listInvitations(tx) : [],
      tokens: managesTokens ? await listApiTokens(tx) : null,
      builderIds: managesTokens ? await listBuilderIds(tx) : [],
      personalTokens: await listPersonalApiTokens(tx, member.userId),
    }),
    { actor: actorOf(member) },
  );
}
