import { keyedList } from '@/lib/keyed-list';

/**
 * Who may do what: the one table of roles and permissions. The action and route wrapper checks
 * it on every call; docs/auth.md shows the same table (permissions.test.ts keeps them equal).
 * Safe for client components: it imports only the pure keyed-list helper.
 */

export const { keys: ROLES, words: ROLE_LABELS } = keyedList({
  owner: 'Owner',
  manager: 'Manager',
  reviewer: 'Reviewer',
  builder: 'Builder',
  viewer: 'Viewer',
});
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'portfolio:read': { does: 'read every page of the organisation', roles: ['owner', 'manager', 'reviewer', 'builder', 'viewer'] },
  'work:update-assigned': { does: 'move and update the work assigned to them', roles: ['owner', 'manager', 'builder'] },
  'evidence:attach': { does: 'attach evidence to work', roles: ['owner', 'manager', 'builder'] },
  'compliance:record': { does: 'record compliance results', roles: ['owner', 'manager', 'reviewer', 'builder'] },
  'blockers:raise': { does: 'raise blockers on work', roles: ['owner', 'manager', 'reviewer', 'builder'] },
  'blockers:resolve': { does: 'resolve and escalate blockers', roles: ['owner', 'manager', 'reviewer'] },
  'organisation:configure': { does: 'change the organisation’s settings, such as the builders’ stall threshold', roles: ['owner', 'manager'] },
  'deploys:request': { does: 'deploy a release (the deploy gate still decides)', roles: ['owner', 'manager'] },
  'plan:edit': { does: 'plan, reorder and edit programs, roadmaps and work', roles: ['owner', 'manager'] },
  'standards:manage': { does: 'manage standards, their assignments and charter documents', roles: ['owner', 'manager'] },
  'tokens:manage': { does: 'create and revoke API tokens for builders', roles: ['owner', 'manager'] },
  'runs:approve': { does: 'approve or reject a planning run’s pull request (the required checks must have passed)', roles: ['owner', 'manager', 'reviewer'] },
  'audit:read': { does: 'read the audit log and the decisions log, and export them', roles: ['owner', 'manager', 'reviewer'] },
  'members:manage': { does: 'manage members and their roles', roles: ['owner'] },
} as const satisfies Record<string, { does: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** The table as Markdown, as docs/auth.md shows it. */
export function permissionTableMarkdown(): string {
  const header = `| permission | what it allows | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = (Object.entries(PERMISSIONS) as [Permission, (typeof PERMISSIONS)[Permission]][]).map(
    ([name, { does, roles }]) => `| \`${name}\` | ${does} | ${ROLES.map((role) => ((roles as readonly Role[]).includes(role) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
