import type { OrganisationCaller } from '../auth/identity';
import { ActionError } from '../procedure/result';

/**
 * For requests that name no item of their own (a search, an organisation setting): the page
 * sends the organisation it shows, and a caller working in another one (switched in another
 * tab, or another organisation's member) is refused rather than served their own.
 */
export function assertSameOrganisation(caller: OrganisationCaller, organisationId: string): void {
  if (caller.organisationId !== organisationId) {
    throw new ActionError('forbidden', 'This page belongs to another organisation than the one you work in now; reload it and try again.');
  }
}
