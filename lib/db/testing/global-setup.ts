import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

import { connect } from '../connection';

/**
 * Migrates one database for the whole run, which every test file copies (test-database.ts):
 * on PGlite, an archive of a migrated in-memory database's data directory in the temporary
 * folder; on PostgreSQL (TEST_DATABASE_URL), a template database beside the one the URL names.
 * On PostgreSQL it first checks that the server answers, so that a wrong URL fails the run with
 * one clear line instead of in every file. The teardown removes the archive, or drops the
 * template and the workers' seeded copies of it.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const name = `gantry_template_${process.pid}_${randomBytes(3).toString('hex')}`;

  if (!url) {
    const file = path.join(os.tmpdir(), `${name}.tar`);
    const handle = await connect({ kind: 'pglite-memory' });
    try {
      await handle.migrate();
      await fs.promises.writeFile(file, Buffer.from(await (await handle.archive!()).arrayBuffer()));
    } finally {
      await handle.close();
    }
    project.provide('migratedTemplate', { kind: 'pglite-archive', file });
    return () => fs.promises.rm(file, { force: true });
  }

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
    const handle = await connect({ kind: 'postgres', url: target.toString(), poolMax: 1 });
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await dropTemplates().finally(() => admin.end({ timeout: 1 }));
    throw error;
  }
  project.provide('migratedTemplate', { kind: 'postgres', database: name });

  return async () => {
    try {
      await dropTemplates();
    } finally {
      await admin.end({ timeout: 1 });
    }
  };
}
