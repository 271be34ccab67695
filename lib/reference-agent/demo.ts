import 'server-only';

import { createHmac } from 'node:crypto';

import { and, eq, isNull } from 'drizzle-orm';

import { getAuth } from '../auth/auth';
import { hashApiToken } from '../organisations/token-format';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { apiTokens, builderCapabilities, builders, organisations } from '../db/schema';
import { demoBuilderCapabilities } from '../db/seed/demo-kernel-data';
import { demoOrganisation } from '../db/seed/demo-portfolio';
import { DEMO_OUTCOMES, runBuilder } from './builder';
import { AgentClient } from './client';
import { runPlanningBuilder } from './planning';

/**
 * The embedded demo's simulated builders: when `npm start` serves the embedded database with the
 * demo organisation, each of its builders runs the reference agent's simulated loop inside the
 * server process, over the server's own HTTP API, so that a newcomer sees cards move, heartbeats
 * tick and the occasional blocker, and the untouched demo never decays into stall alarms.
 *
 * Their tokens are made here, stored hashed like every token, never printed. Each is derived from
 * the instance's secret, so every start finds the same row instead of adding one; an owner who
 * revokes a demo token (Settings → API tokens) stops that builder's simulation for good.
 */

export const DEMO_TOKEN_NAME = 'Demo builder (npm start)';

const state = globalThis as typeof globalThis & { __gantryDemoBuilders?: AbortController };

/** The token of one demo builder: `gantry_` and 43 base64url characters, as every token. */
export function demoTokenOf(secret: string, organisationId: string, builderId: string): string {
  return `gantry_${createHmac('sha256', secret).update(`gantry.demo-builder:${organisationId}:${builderId}`).digest('base64url')}`;
}

/**
 * Makes (once) the demo builders' tokens and answers those that are live: the demo organisation's
 * live builders, less any whose demo token an owner revoked. Empty without the demo organisation.
 * Gives the builders their demo capabilities if they lack them.
 */
export async function provisionDemoTokens(db: Database, secret: string): Promise<{ builderId: string; token: string }[]> {
  const [organisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.slug, demoOrganisation.slug), isNull(organisations.deletedAt)));
  if (!organisation) return [];
  return withOrganisation(
    organisation.id,
    async (tx) => {
      const live = await tx.select({ builderId: builders.builderId }).from(builders).where(isNull(builders.deletedAt)).orderBy(builders.builderId);
      const tokens: { builderId: string; token: string }[] = [];
      for (const { builderId } of live) {
        const token = demoTokenOf(secret, organisation.id, builderId);
        const tokenHash = hashApiToken(token);
        await tx
          .insert(apiTokens)
          .values({ organisationId: organisation.id, builderId, name: DEMO_TOKEN_NAME, tokenHash, tokenPrefix: token.slice(0, 13), createdBy: null })
          .onConflictDoNothing({ target: apiTokens.tokenHash });
        const [row] = await tx.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
        if (row && row.revokedAt === null) tokens.push({ builderId, token });
      }
      // Their capabilities, as the demo seeds them (for a database seeded before it did), so that
      // each simulated builder gets only the work it can do.
      const capabilities = demoBuilderCapabilities.filter((c) => live.some((b) => b.builderId === c.builderId));
      if (capabilities.length) {
        await tx
          .insert(builderCapabilities)
          .values(capabilities.map((c) => ({ ...c, organisationId: organisation.id })))
          .onConflictDoNothing();
      }
      return tokens;
    },
    { actor: 'system:demo-builders' },
  );
}

/**
 * Starts the simulated builders once the server answers at `baseUrl`; each works at a demo's
 * pace (a piece of work in 40 s to 3 min, a heartbeat every 10 s). Stops with the process.
 */
export async function startDemoBuilders(db: Database, baseUrl: string, log: (line: string) => void = () => {}): Promise<number> {
  if (state.__gantryDemoBuilders) return 0;
  const controller = new AbortController();
  state.__gantryDemoBuilders = controller;
  const secret = (await getAuth()).options.secret as string;
  const tokens = await provisionDemoTokens(db, secret);
  if (!tokens.length) return 0;
  void (async () => {
    if (!(await waitForServer(baseUrl, controller.signal))) return;
    const names = tokens.map((t) => t.builderId);
    for (const { builderId, token } of tokens) {
      void runBuilder({
        client: new AgentClient({ url: baseUrl, token }),
        simulate: { outcomes: DEMO_OUTCOMES, handOffTo: names.filter((name) => name !== builderId) },
        durationSeconds: [40, 180],
        heartbeatSeconds: 10,
        leaseSeconds: 90,
        idleSeconds: 15,
        signal: controller.signal,
        log: (line) => log(`[${builderId}] ${line}`),
      });
    }
    // One of them also builds the planning project's runs (started from /planning/<project>/runs).
    const planner = tokens[0]!;
    void runPlanningBuilder({
      client: new AgentClient({ url: baseUrl, token: planner.token }),
      pauseSeconds: 6,
      signal: controller.signal,
      log: (line) => log(`[${planner.builderId}] ${line}`),
    });
  })();
  return tokens.length;
}

export function stopDemoBuilders(): void {
  state.__gantryDemoBuilders?.abort();
  state.__gantryDemoBuilders = undefined;
}

async function waitForServer(baseUrl: string, signal: AbortSignal): Promise<boolean> {
  for (let i = 0; i < 240 && !signal.aborted; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
