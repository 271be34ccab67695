import type { OrganisationCaller } from '../auth/identity';

/** How created_by / assigned_by name the caller: a person by email, a builder by its id. */
export function actorName(caller: OrganisationCaller): string {
  return caller.kind === 'token' && caller.builderId !== null ? caller.builderId : caller.email;
}
