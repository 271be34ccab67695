import type { OrganisationCaller } from '../auth/identity';

/** How blocker rows name who raised, resolved or escalated them: a person's email, or the builder a token acts as. */
export function nameOf(caller: OrganisationCaller): string {
  return caller.kind === 'member' ? caller.email : caller.builderId;
}
