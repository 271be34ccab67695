// npm run db:migrate: applies every pending migration, in order, to the configured database.
import { serverConnectOptions } from '../lib/db/client';
import { connect } from '../lib/db/connection';
import { getMigrationStatus } from '../lib/db/migrations';
import { runMain } from './lib/run';

runMain(async () => {
  const handle = await connect(serverConnectOptions());
  try {
    const before = await getMigrationStatus(handle.db);
    if (before.current) {
      console.log(`Database ${handle.location} is up to date (${before.applied} migrations applied).`);
      return;
    }
    await handle.migrate();
    const after = await getMigrationStatus(handle.db);
    console.log(`Applied ${before.pending.length} migration(s) to ${handle.location}: ${before.pending.join(', ')}.` + ` ${after.applied} applied in all.`);
  } finally {
    await handle.close();
  }
});
