import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import { getCardDetail, listPlanningActions } from './cards';
import { getProject, listProjects } from './projects';
import { getStoryMap } from './story-map';

/** A path segment that can name a row: anything else names nothing (null, the page's 404), never a failed query. */
const names = (...ids: string[]) => ids.every((id) => z.uuid().safeParse(id).success);

/**
 * What the planning pages read, each in the member's organisation (its row-level security). A
 * project's layout and its page render at once, so each reader checks its ids itself.
 */
export function readProjects(member: OrganisationCaller) {
  return withOrganisation(member.organisationId, (tx) => listProjects(tx, member.organisationId));
}

export function readProject(member: OrganisationCaller, projectId: string) {
  return withOrganisation(member.organisationId, (tx) => getProject(tx, member.organisationId, projectId));
}

export async function readStoryMap(member: OrganisationCaller, projectId: string) {
  if (!names(projectId)) return null;
  return withOrganisation(member.organisationId, (tx) => getStoryMap(tx, member.organisationId, projectId));
}

export async function readCard(member: OrganisationCaller, projectId: string, cardId: string) {
  if (!names(projectId, cardId)) return null;
  return withOrganisation(member.organisationId, (tx) => getCardDetail(tx, member.organisationId, projectId, cardId));
}

export async function readPlanningActions(member: OrganisationCaller, projectId: string) {
  if (!names(projectId)) return null;
  return withOrganisation(member.organisationId, (tx) => listPlanningActions(tx, member.organisationId, projectId));
}
