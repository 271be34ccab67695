import postgres from 'postgres';

/**
 * When the tests run on PostgreSQL (TEST_DATABASE_URL), check once that it answers, so that a
 * wrong URL fails the run with one clear line instead of in every file.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL (${url}) does not answer: ${(error as Error).message}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}
