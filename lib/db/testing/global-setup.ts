import { randomBytes } from 'node:crypto';

import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

import { connect } from '../connection';
import { TEST_CONNECT_TIMEOUT_SECONDS } from './connect-timeout';

/**
 * When the tests run on PostgreSQL (TEST_DATABASE_URL): check once that it answers, so that a
 * wrong URL fails the run with one clear line instead of in every file; then migrate one
 * template database for the run beside the one the URL names, which every test file copies
 * (test-database.ts), and drop it and the workers' seeded copies of it at the end. (On PGlite
 * each worker migrates its own, when a file first asks for a database.)
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const name = `gantry_template_${process.pid}_${randomBytes(3).toString('hex')}`;

  project.provide('postgresTemplate', null);
  if (!url) return;

  const admin = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 });
    throw new Error(`TEST_DATABASE_URL (${url}) does not answer: ${(error as Error).message}`);
  }
  const dropTemplates = async () => {
    const rows = await admin<{ datname: string }[]>`
      select datname from pg_database where datname = ${name} or datname like ${`${name}\\_demo\\_%`}`;
    for (const { datname } of rows) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  };
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = await connect({ kind: 'postgres', url: target.toString(), poolMax: 1, connectTimeoutSeconds: TEST_CONNECT_TIMEOUT_SECONDS });
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await dropTemplates().finally(() => admin.end({ timeout: 1 }));
    throw error;
  }
  project.provide('postgresTemplate', name);

  return async () => {
    try {
      await dropTemplates();
    } finally {
      await admin.end({ timeout: 1 });
    }
  };
}
