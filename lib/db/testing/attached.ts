import { attachDatabase } from '../client';
import type { DatabaseHandle } from '../connection';
import { openDemoDatabase } from './test-database';

/**
 * A test file's demo database (openDemoDatabase), attached as the app's database, for tests of
 * code that opens its own transactions. Close it with closeAttachedDatabase in afterAll.
 */
export async function openAttachedDemoDatabase(options: { today?: Date } = {}): Promise<{ handle: DatabaseHandle; organisationId: string }> {
  const demo = await openDemoDatabase(options);
  attachDatabase(demo.handle);
  return demo;
}

/** Detaches the test file's database from the app and closes it (if it was opened at all). */
export async function closeAttachedDatabase(handle: DatabaseHandle | undefined): Promise<void> {
  attachDatabase(undefined);
  await handle?.close();
}
