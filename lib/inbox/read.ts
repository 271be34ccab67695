import 'server-only';

import { z } from 'zod';

import { actorOf, type MemberCaller, type OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { countUnread, getInbox, inboxOwnerOf } from './inbox';
import type { WatchableKind } from './kinds';
import { isWatching } from './watches';

/** A page's read of the signed-in member's own inbox (the page and the header's first number). */
export function readMyInbox(member: MemberCaller) {
  return withOrganisation(member.organisationId, (tx) => getInbox(tx, { organisationId: member.organisationId, userId: member.userId }), {
    actor: actorOf(member),
  });
}

/** The header's first number: the signed-in member's unread entries. */
export function readMyInboxCount(member: MemberCaller) {
  return withOrganisation(member.organisationId, (tx) => countUnread(tx, { organisationId: member.organisationId, userId: member.userId }), {
    actor: actorOf(member),
  });
}

/** Whether the signed-in member watches an item (the Watch toggle on its page). */
export function readWatching(member: MemberCaller, kind: WatchableKind, id: string) {
  return withOrganisation(member.organisationId, (tx) => isWatching(tx, { organisationId: member.organisationId, userId: member.userId, kind, id }), {
    actor: actorOf(member),
  });
}

export const inboxCountInput = z.object({}).strict();

/** The header's number, for the caller's own inbox. */
export async function readInboxCount(tx: Database, { caller }: { caller: OrganisationCaller }) {
  return { unread: await countUnread(tx, { organisationId: caller.organisationId, userId: inboxOwnerOf(caller) }) };
}
