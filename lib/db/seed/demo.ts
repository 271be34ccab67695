import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../connection';
import { features, organisations, products, programs, releases } from '../schema';
import { seedDemoForeman } from './demo-foreman';
import { seedDemoGovernance } from './demo-governance';
import { seedDemoKernel } from './demo-kernel';
import { seedDemoPlanning } from './demo-planning';
import { demoFeatures, demoOrganisation, demoPrograms, demoProducts, demoReleases } from './demo-portfolio';
import { seedDemoRoadmap } from './demo-roadmap';
import { daysFrom, isoDate } from './helpers';

/** The demo organisation (slug 'demo'), created if missing; its id. */
export async function ensureDemoOrganisation(tx: Database): Promise<string> {
  await tx
    .insert(organisations)
    .values(demoOrganisation)
    .onConflictDoNothing({ target: organisations.slug, where: sql`deleted_at IS NULL` });
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`${organisations.slug} = ${demoOrganisation.slug} AND ${organisations.deletedAt} IS NULL`);
  if (!org) throw new Error('The demo organisation could not be created');
  return org.id;
}

/** The demo portfolio of an organisation: programs, products, features, releases. */
async function insertDemoPortfolio(tx: Database, organisationId: string, today: Date) {
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    programs: await count(
      tx
        .insert(programs)
        .values(demoPrograms.map((p) => ({ ...p, objectives: [...p.objectives], organisationId })))
        .onConflictDoNothing()
        .returning({ id: programs.id }),
    ),
    products: await count(
      tx
        .insert(products)
        .values(demoProducts.map((p) => ({ ...p, organisationId })))
        .onConflictDoNothing()
        .returning({ id: products.id }),
    ),
    features: await count(
      tx
        .insert(features)
        .values(demoFeatures.map((f) => ({ ...f, organisationId })))
        .onConflictDoNothing()
        .returning({ id: features.id }),
    ),
    releases: await count(
      tx
        .insert(releases)
        .values(
          demoReleases.map(({ targetDays, publishedDays, ...r }) => ({
            ...r,
            organisationId,
            targetDate: isoDate(daysFrom(today, targetDays)),
            publishedAt: publishedDays === null ? null : daysFrom(today, publishedDays),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: releases.id }),
    ),
  };
}

/**
 * The demo organisation and its portfolio: programs, products, features, releases. Every
 * other area's demo hangs from these rows. Idempotent: rows that exist are left as they are.
 */
export async function seedDemoPortfolio(tx: Database, today: Date) {
  const organisationId = await ensureDemoOrganisation(tx);
  return { organisationId, inserted: await insertDemoPortfolio(tx, organisationId, today) };
}

/**
 * Every area's demo content in an organisation that exists. It writes only rows of that
 * organisation, so it also runs as the application role under row-level security (the RLS
 * test does, to prove that every trigger keeps working there).
 */
export async function seedDemoContent(tx: Database, organisationId: string, today: Date) {
  const portfolio = await insertDemoPortfolio(tx, organisationId, today);
  const roadmap = await seedDemoRoadmap(tx, organisationId, today);
  const governance = await seedDemoGovernance(tx, organisationId, today);
  const foreman = await seedDemoForeman(tx, organisationId, today);
  // Attempts, decisions and blockers hang on the roadmap's items and Foreman's waves and tasks.
  const kernel = await seedDemoKernel(tx, organisationId, today);
  const { inserted: planning } = await seedDemoPlanning(tx, organisationId, today);
  await ageDemoColumns(tx, organisationId);
  return { portfolio, roadmap, governance, foreman, kernel, planning };
}

/**
 * The demo's items all reach their columns inside the seed's transaction; give each a plausible
 * time in its column (up to ten days, fixed per item) so the board's ages say something. Only rows
 * that moved in this transaction (status_changed_at = now()) are touched: a second run changes nothing.
 */
async function ageDemoColumns(tx: Database, organisationId: string) {
  for (const [table, id] of [
    ['change_requests', 'id'],
    ['roadmap_items', 'id'],
    ['bugs', 'id'],
    ['tasks', 'task_id'],
    ['card', 'id'],
  ] as const) {
    await tx.execute(
      sql`UPDATE ${sql.raw(table)} SET status_changed_at = now() - (abs(hashtext(${sql.raw(id)}::text)) % 240) * interval '1 hour'
          WHERE organisation_id = ${organisationId} AND status_changed_at = now()`,
    );
  }
}

/**
 * Fills the database with the demo organisation and every area's demo content, in one
 * transaction. Idempotent: a second run inserts nothing and changes nothing.
 */
export async function seedDemoData(db: Database, { today = new Date() }: { today?: Date } = {}) {
  return db.transaction(async (tx) => {
    const organisationId = await ensureDemoOrganisation(tx);
    return { organisationId, inserted: await seedDemoContent(tx, organisationId, today) };
  });
}

type Counts = { [key: string]: number | Counts };

/** "portfolio: 3 programs, 5 products; roadmap: …" for what a seed run added. */
export function describeInserted(inserted: Record<string, Counts>): string {
  const flatten = (counts: Counts, prefix = ''): [string, number][] =>
    Object.entries(counts).flatMap(([key, value]) =>
      typeof value === 'number' ? [[`${prefix}${key}`, value] as [string, number]] : flatten(value, `${key} `),
    );
  const parts = Object.entries(inserted).map(([area, counts]) => {
    const added = flatten(counts).filter(([, n]) => n > 0);
    return `${area}: ${added.length ? added.map(([name, n]) => `${n} ${name}`).join(', ') : 'nothing new'}`;
  });
  return parts.join('; ');
}
