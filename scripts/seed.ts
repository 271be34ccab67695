// npm run db:seed [-- --scale S]: fills the configured database with the demo organisation.
import { parseArgs } from 'node:util';

import { DatabaseBehindError, serverConnectOptions } from '../lib/db/client';
import { connect } from '../lib/db/connection';
import { getMigrationStatus } from '../lib/db/migrations';
import { describeInserted, seedDemoData } from '../lib/db/seed/demo';
import { runMain } from './lib/run';

class UsageError extends Error {
  override name = 'UsageError';
}

runMain(async () => {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'S' } } });
  if (values.scale !== 'S') {
    throw new UsageError(`Unknown --scale "${values.scale}". Available: S (the demo organisation).`);
  }

  const handle = await connect(serverConnectOptions());
  try {
    const status = await getMigrationStatus(handle.db);
    if (!status.current) {
      if (handle.kind === 'postgres') throw new DatabaseBehindError(handle.location, status);
      await handle.migrate();
    }
    const { inserted } = await seedDemoData(handle.db);
    console.log(`Seeded ${handle.location} with the demo organisation. Added ${describeInserted(inserted)}.`);
  } finally {
    await handle.close();
  }
});
