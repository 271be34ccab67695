import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../connection';
import { features, organisations, products, programs, releases } from '../schema';
import { demoFeatures, demoOrganisation, demoPrograms, demoProducts, demoReleases } from './demo-portfolio';

const DAY_MS = 86_400_000;

function daysFrom(today: Date, days: number): Date {
  return new Date(today.getTime() + days * DAY_MS);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Fills the database with the demo organisation. Idempotent: rows that exist are left as
 * they are (a second run inserts nothing and changes nothing).
 */
export async function seedDemoData(db: Database, { today = new Date() }: { today?: Date } = {}) {
  return db.transaction(async (tx) => {
    await tx
      .insert(organisations)
      .values(demoOrganisation)
      .onConflictDoNothing({ target: organisations.slug, where: sql`deleted_at IS NULL` });
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(sql`${organisations.slug} = ${demoOrganisation.slug} AND ${organisations.deletedAt} IS NULL`);
    if (!org) throw new Error('The demo organisation could not be created');
    const organisationId = org.id;

    const inserted = { programs: 0, products: 0, features: 0, releases: 0 };
    inserted.programs = (
      await tx
        .insert(programs)
        .values(demoPrograms.map((p) => ({ ...p, objectives: [...p.objectives], organisationId })))
        .onConflictDoNothing()
        .returning({ id: programs.id })
    ).length;
    inserted.products = (
      await tx
        .insert(products)
        .values(demoProducts.map((p) => ({ ...p, organisationId })))
        .onConflictDoNothing()
        .returning({ id: products.id })
    ).length;
    inserted.features = (
      await tx
        .insert(features)
        .values(demoFeatures.map((f) => ({ ...f, organisationId })))
        .onConflictDoNothing()
        .returning({ id: features.id })
    ).length;
    inserted.releases = (
      await tx
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
        .returning({ id: releases.id })
    ).length;

    return { organisationId, inserted };
  });
}

/** True when the database holds no organisation yet (a brand-new database). */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return rows.length === 0;
}

