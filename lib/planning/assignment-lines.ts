import 'server-only';

import { and, eq } from 'drizzle-orm';

import { cardAssignments, cards } from '../db/schema';

/** What a run's page and an agent's list of open work show of an assignment, its card's title with it. */
export const assignmentLineColumns = {
  id: cardAssignments.id,
  cardId: cardAssignments.cardId,
  cardTitle: cards.title,
  agentRole: cardAssignments.agentRole,
  agentProfile: cardAssignments.agentProfile,
  featureBranch: cardAssignments.featureBranch,
  allowedPaths: cardAssignments.allowedPaths,
  status: cardAssignments.status,
};

/** The join of an assignment to its card, in the same organisation. */
export const assignmentCardJoin = and(eq(cards.organisationId, cardAssignments.organisationId), eq(cards.id, cardAssignments.cardId));
