// npm run db:seed [-- --scale S|L]: fills the configured database with the demo organisation
// (S), or with the demo organisation and, in it, the volumes of scale L (PRODUCT.md,
// "Performance and scale"): about 100,000 work items, 300,000 dependency edges and a million
// compliance results, heartbeats and audit rows. See docs/schema-map/scale.md.
import { parseArgs } from 'node:util';

import { DatabaseBehindError, serverConnectOptions } from '../lib/db/client';
import { connect } from '../lib/db/connection';
import { getMigrationStatus } from '../lib/db/migrations';
import { describeInserted, seedDemoData } from '../lib/db/seed/demo';
import { seedScale } from '../lib/db/seed/scale';
import { runMain } from './lib/run';
import { progressPrinter } from './lib/progress';

class UsageError extends Error {
  override name = 'UsageError';
}

runMain(async () => {
  // --factor is for measuring and testing: it multiplies every volume of scale L.
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'S' }, factor: { type: 'string', default: '1' } },
  });
  if (values.scale !== 'S' && values.scale !== 'L') {
    throw new UsageError(`Unknown --scale "${values.scale}". Available: S (the demo organisation), L (the demo organisation with scale-L volumes).`);
  }
  const factor = Number(values.factor);
  if (!(factor > 0 && factor <= 10)) throw new UsageError(`--factor must be a number in (0, 10], not "${values.factor}".`);

  const handle = await connect(serverConnectOptions());
  try {
    const status = await getMigrationStatus(handle.db);
    if (!status.current) {
      if (handle.kind === 'postgres') throw new DatabaseBehindError(handle.location, status);
      await handle.migrate();
    }
    if (values.scale === 'S') {
      const { inserted } = await seedDemoData(handle.db);
      console.log(`Seeded ${handle.location} with the demo organisation. Added ${describeInserted(inserted)}.`);
      return;
    }

    const started = performance.now();
    console.log(`Seeding ${handle.location} at scale L${factor === 1 ? '' : ` × ${factor}`} (${handle.kind}):`);
    const result = await seedScale(handle.db, { factor, onProgress: progressPrinter() });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      result.added
        ? `Done in ${seconds} s. Demo: ${describeInserted(result.demo)}.`
        : `The demo organisation already holds the scale data: nothing added (${seconds} s).`,
    );
  } finally {
    await handle.close();
  }
});
