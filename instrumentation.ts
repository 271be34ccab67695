// Runs once when a Gantry server starts: connect, migrate the embedded database (seeding it
// when new) or refuse a PostgreSQL database that is behind, before any request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getDb } = await import('./lib/db/client');
  try {
    await getDb();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
