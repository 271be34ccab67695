import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { can, PERMISSIONS, permissionTableMarkdown, ROLES, type Permission } from './permissions';

describe('the roles table', () => {
  it('is the one docs/auth.md shows', () => {
    const manual = fs.readFileSync(path.join(process.cwd(), 'docs', 'auth.md'), 'utf8');
    expect(manual).toContain(permissionTableMarkdown());
  });

  it('lets viewers read only, and owners do everything', () => {
    expect(can('viewer', 'portfolio:read')).toBe(true);
    expect(can('viewer', 'plan:edit')).toBe(false);
    expect(can('builder', 'evidence:attach')).toBe(true);
    // Builder agents record the results of the checks they run (issue 14).
    expect(can('builder', 'compliance:record')).toBe(true);
    expect(can('reviewer', 'blockers:resolve')).toBe(true);
    expect(can('reviewer', 'work:update-assigned')).toBe(false);
    expect(can('manager', 'tokens:manage')).toBe(true);
    expect(can('manager', 'members:manage')).toBe(false);
    expect((Object.keys(PERMISSIONS) as Permission[]).filter((p) => !can('owner', p))).toEqual([]);
    expect(ROLES).toEqual(['owner', 'manager', 'reviewer', 'builder', 'viewer']);
  });
});
