// Prepares an embedded database for a spec that needs members of several roles (the fresh e2e
// instance has only its first admin, and Gantry has no invitation yet): migrates and seeds the
// folder in GANTRY_DATA_DIR, then adds the members named in E2E_MEMBERS ("email:role,…") to the
// demo organisation. Run with `tsx --conditions=react-server` before a server opens the folder.
import { and, eq, isNull } from 'drizzle-orm';

import { createPasswordAccount } from '../../lib/auth/accounts';
import type { Role } from '../../lib/organisations/permissions';
import { prepareForServing, serverConnectOptions } from '../../lib/db/client';
import { connect } from '../../lib/db/connection';
import { memberships, organisations } from '../../lib/db/schema';
import { demoOrganisation } from '../../lib/db/seed/demo-portfolio';

const PASSWORD = 'correct horse battery staple';

const handle = await connect(serverConnectOptions());
try {
  await prepareForServing(handle);
  const [org] = await handle.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.slug, demoOrganisation.slug), isNull(organisations.deletedAt)));
  if (!org) throw new Error('No demo organisation');
  for (const entry of (process.env.E2E_MEMBERS ?? '').split(',').filter(Boolean)) {
    const [email, role] = entry.split(':') as [string, Role];
    const userId = await createPasswordAccount(handle.db, { name: email.split('@')[0]!, email, password: PASSWORD });
    await handle.db.insert(memberships).values({ organisationId: org.id, userId, role });
  }
} finally {
  await handle.close();
}
