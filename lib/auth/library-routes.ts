/**
 * Every endpoint of the auth library (better-auth), classified. Only the endpoints a visitor needs
 * to become a caller are served over HTTP; everything else the library offers (renaming oneself,
 * changing a password or email, deleting the account, listing or revoking sessions, signing up,
 * OAuth …) would bypass Gantry's wrapper, rules, rate limits and audit, so it answers 404. Gantry
 * does those things through its own actions (account, members, password-reset links).
 *
 * A library upgrade that adds an endpoint fails lib/procedure/procedures.test.ts until it is listed
 * here; an endpoint not listed is refused anyway (the route serves only what is marked served).
 */
export type LibraryRoute = { served: true; methods: readonly ('GET' | 'POST')[]; why: string } | { served: false; why: string };

const OWN_ACTION = 'Gantry does this through its own action (wrapper, rules, audit)';
const NO_OAUTH = 'Gantry has no social or OAuth sign-in';
const NO_SIGN_UP = 'accounts are made by the first-admin set-up and invitations only';

export const AUTH_LIBRARY_ROUTES: Record<string, LibraryRoute> = {
  '/sign-in/email': { served: true, methods: ['POST'], why: 'signing in; Gantry limits attempts per address and email and audits each one (lib/auth/auth.ts)' },
  '/sign-out': { served: true, methods: ['POST'], why: 'signing out; audited (lib/auth/auth.ts)' },
  '/get-session': { served: true, methods: ['GET'], why: 'reads the caller’s own session; changes nothing' },

  '/sign-up/email': { served: false, why: NO_SIGN_UP },
  '/update-user': { served: false, why: 'a display name is never a credential, and nobody renames themselves around the rules' },
  '/change-password': { served: false, why: `${OWN_ACTION}: changePassword (account page)` },
  '/change-email': { served: false, why: 'an email address is how a person is invited and reset; it is not self-service' },
  '/delete-user': { served: false, why: 'accounts are removed from an organisation by its owners (members page)' },
  '/delete-user/callback': { served: false, why: 'accounts are removed from an organisation by its owners (members page)' },
  '/reset-password': { served: false, why: `${OWN_ACTION}: password-reset links issued by an owner (resetPassword)` },
  '/reset-password/:token': { served: false, why: `${OWN_ACTION}: password-reset links issued by an owner` },
  '/request-password-reset': { served: false, why: `${OWN_ACTION}: an owner issues a password-reset link` },
  '/verify-password': { served: false, why: 'a password oracle outside the sign-in limits' },
  '/verify-email': { served: false, why: 'Gantry sends no verification email' },
  '/send-verification-email': { served: false, why: 'Gantry sends no verification email' },
  '/update-session': { served: false, why: `${OWN_ACTION}: switchOrganisation` },
  '/list-sessions': { served: false, why: 'sessions are not listed outside Gantry’s own pages' },
  '/revoke-session': { served: false, why: `${OWN_ACTION}: changing a password or removing a member ends sessions` },
  '/revoke-sessions': { served: false, why: `${OWN_ACTION}: changing a password or removing a member ends sessions` },
  '/revoke-other-sessions': { served: false, why: `${OWN_ACTION}: changing a password ends the other sessions` },
  '/sign-in/social': { served: false, why: NO_OAUTH },
  '/callback/:id': { served: false, why: NO_OAUTH },
  '/link-social': { served: false, why: NO_OAUTH },
  '/list-accounts': { served: false, why: NO_OAUTH },
  '/unlink-account': { served: false, why: NO_OAUTH },
  '/refresh-token': { served: false, why: NO_OAUTH },
  '/get-access-token': { served: false, why: NO_OAUTH },
  '/account-info': { served: false, why: NO_OAUTH },
  '/ok': { served: false, why: 'liveness is /api/health' },
  '/error': { served: false, why: 'the library’s OAuth error page; Gantry has no OAuth' },
};

/** The library's own 404 for these (its disabledPaths option), for the paths without parameters. */
export const DISABLED_LIBRARY_PATHS = Object.entries(AUTH_LIBRARY_ROUTES)
  .filter(([route, spec]) => !spec.served && !route.includes(':'))
  .map(([route]) => route);

/**
 * Whether the auth route serves this request: its path below /api/auth (extra slashes and a
 * trailing slash collapsed, as the library's router does) must be a served endpoint, with one of
 * its methods.
 */
export function isServedLibraryRequest(method: string, pathname: string, basePath = '/api/auth'): boolean {
  const collapsed = pathname.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  if (!collapsed.startsWith(`${basePath}/`)) return false;
  const route = AUTH_LIBRARY_ROUTES[collapsed.slice(basePath.length)];
  return !!route?.served && (route.methods as readonly string[]).includes(method.toUpperCase());
}
