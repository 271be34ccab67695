// Runs once when a Gantry server starts. The Node.js part lives in its own module so that the
// edge build never sees Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/db/startup');
  }
}
