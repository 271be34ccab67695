import 'server-only';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import { getCardDetail, listPlanningActions } from './cards';
import { getProject, listProjects } from './projects';
import { getStoryMap } from './story-map';

/** What the planning pages read, each in the member's organisation (its row-level security). */
export function readProjects(member: OrganisationCaller) {
  return withOrganisation(member.organisationId, (tx) => listProjects(tx, member.organisationId));
}

export function readProject(member: OrganisationCaller, projectId: string) {
  return withOrganisation(member.organisationId, (tx) => getProject(tx, member.organisationId, projectId));
}

export function readStoryMap(member: OrganisationCaller, projectId: string) {
  return withOrganisation(member.organisationId, (tx) => getStoryMap(tx, member.organisationId, projectId));
}

export function readCard(member: OrganisationCaller, projectId: string, cardId: string) {
  return withOrganisation(member.organisationId, (tx) => getCardDetail(tx, member.organisationId, projectId, cardId));
}

export function readPlanningActions(member: OrganisationCaller, projectId: string) {
  return withOrganisation(member.organisationId, (tx) => listPlanningActions(tx, member.organisationId, projectId));
}
