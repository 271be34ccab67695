import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMember } from '../auth/test-fixtures';
import type { Database } from '../db/connection';
import { runAsOrganisation } from '../db/tenant';
import { createPortfolio, insertItems } from '../db/testing/roadmap-fixtures';
import { expectRefused, query } from '../db/testing/sql';
import { setUpTestDatabase } from '../db/testing/test-database';
import { CHANGE_CHANNEL } from '../live/events';
import { backoffMs, deliverDue, enqueueChanges, MAX_ATTEMPTS, pruneDeliveries } from './delivery';
import { WebhookWorker } from './worker';
import { verifySignature } from './signature';
import {
  createWebhook,
  createWebhookInput,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  sendTestWebhook,
  setWebhookEnabled,
  updateWebhookInput,
} from './webhooks';
import type { WebhookEvent } from './events';

/**
 * Outgoing webhooks against a receiver on 127.0.0.1, on PGlite and PostgreSQL: a change becomes
 * one signed delivery; a failing receiver is retried with backoff (a test clock); a webhook that
 * is off gets nothing; organisation A's webhook never gets B's change; two workers never send
 * one delivery twice.
 */
const test = setUpTestDatabase();
let orgA: string;
let orgB: string;
let ownerA: string;
let ownerB: string;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 (port 0): records every request; `answer` decides the status. */
class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received) => number = () => 200;
  delayMs = 0;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(request);
        setTimeout(() => {
          const status = this.answer(request);
          res.writeHead(status, { 'content-type': 'text/plain' }).end(`${status === 200 ? 'thanks' : 'broken'} ${'x'.repeat(2000)}`);
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let receiver: Receiver;

const inOrg = <T>(organisationId: string, work: (tx: Database) => Promise<T>) => runAsOrganisation(test.db, { organisationId, actor: 'user:test' }, work);

async function hook(organisationId: string, userId: string, path: string, events: WebhookEvent[]) {
  return inOrg(organisationId, (tx) => createWebhook(tx, { organisationId, userId, name: `hook ${path}`, url: `${receiver.url}${path}`, events }));
}

/** Sends everything due now (or at `now`) until nothing is left, as the worker's round does. */
async function drain(now?: Date) {
  const outcomes = [];
  for (;;) {
    const sent = await deliverDue(test.db, { now });
    if (!sent.length) return outcomes;
    outcomes.push(...sent);
  }
}

beforeAll(async () => {
  orgA = randomUUID();
  orgB = randomUUID();
  await createPortfolio(test.db, orgA, 'hooks-a');
  await createPortfolio(test.db, orgB, 'hooks-b');
  ownerA = await createMember(test.db, 'owner-a@example.com', [[orgA, 'owner']]);
  ownerB = await createMember(test.db, 'owner-b@example.com', [[orgB, 'owner']]);
  receiver = await new Receiver().start();
}, 120_000);
afterAll(async () => {
  await receiver?.stop();
});

describe('a change becomes a signed delivery', () => {
  it('posts one delivery for a new work item, signed with the secret over t.body, and logs it delivered', async () => {
    const created = await hook(orgA, ownerA, '/signed', ['work.created']);
    await insertItems(test.db, orgA, [{ id: 'W-SIGN', title: 'Ship the webhooks' }]);
    expect(await enqueueChanges(test.db, orgA)).toBe(1);
    expect(await enqueueChanges(test.db, orgA), 'a change becomes one delivery, however often the log is looked at').toBe(0);
    const now = new Date();
    const outcomes = await drain(now);
    expect(outcomes.map((o) => [o.event, o.status, o.ok])).toEqual([['work.created', 200, true]]);

    const [request] = receiver.on('/signed');
    expect(receiver.on('/signed')).toHaveLength(1);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['gantry-event']).toBe('work.created');
    const signature = request!.headers['gantry-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(created.secret, signature, request!.body, { now: now.getTime() })).toBe(true);
    expect(verifySignature(created.secret, signature, request!.body.replace('Ship', 'Sink'), { now: now.getTime() })).toBe(false);
    expect(verifySignature('whsec_wrong', signature, request!.body, { now: now.getTime() })).toBe(false);
    expect(verifySignature(created.secret, signature, request!.body, { now: now.getTime() + 3_600_000 }), 'too old').toBe(false);

    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      event: 'work.created',
      organisation: { id: orgA, slug: 'hooks-a' },
      entity: { type: 'roadmap_items', id: 'W-SIGN' },
      data: { id: 'W-SIGN', title: 'Ship the webhooks', phase: 'phase_a', status: 'pending' },
    });
    expect(body.id).toBe(request!.headers['gantry-delivery']);
    expect(typeof body.seq).toBe('number');

    const [logged] = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(logged).toMatchObject({ event: 'work.created', state: 'delivered', attempts: 1, lastStatus: 200, nextAttemptAt: null });
    expect(logged!.responseExcerpt!.length, 'only an excerpt of the answer is kept').toBe(500);
    expect(await drain(), 'nothing is sent twice').toEqual([]);

    const [listed] = await inOrg(orgA, (tx) => listWebhooks(tx));
    expect(listed).toMatchObject({ id: created.id, enabled: true, createdBy: 'owner-a', pending: 0, lastDelivery: { status: 200, ok: true } });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
  });

  it('sends only the events a webhook follows, and a test delivery (ping) on request', async () => {
    const created = await hook(orgA, ownerA, '/only-updates', ['work.updated']);
    await insertItems(test.db, orgA, [{ id: 'W-ONLY' }]);
    await query(test.db, `UPDATE roadmap_items SET phase_key = 'phase_b' WHERE organisation_id = '${orgA}' AND id = 'W-ONLY'`);
    await enqueueChanges(test.db, orgA);
    await inOrg(orgA, (tx) => sendTestWebhook(tx, { webhookId: created.id, userId: ownerA }));
    await drain();
    const events = receiver.on('/only-updates').map((r) => JSON.parse(r.body) as { event: string; data: { phase?: string } });
    expect(events.map((e) => e.event).sort()).toEqual(['ping', 'work.updated']);
    expect(events.find((e) => e.event === 'work.updated')!.data.phase).toBe('phase_b');
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
  });
});

describe('retries', () => {
  it('retries a receiver that answers 500 with exponential backoff, logs each attempt, then delivers', async () => {
    let failing = true;
    receiver.answer = (r) => (r.path === '/flaky' && failing ? 500 : 200);
    const created = await hook(orgA, ownerA, '/flaky', ['work.created']);
    await insertItems(test.db, orgA, [{ id: 'W-FLAKY' }]);
    await enqueueChanges(test.db, orgA);
    const t0 = new Date(Date.now() + 1_000);

    expect((await drain(t0)).map((o) => [o.status, o.ok, o.attempts])).toEqual([[500, false, 1]]);
    let [logged] = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(logged).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: 'Answered 500' });
    expect(logged!.nextAttemptAt!.getTime()).toBe(t0.getTime() + backoffMs(1));
    expect(backoffMs(1)).toBe(30_000);

    expect(await drain(new Date(t0.getTime() + 29_000)), 'not before the backoff').toEqual([]);
    const t1 = new Date(t0.getTime() + 30_000);
    expect((await drain(t1)).map((o) => [o.status, o.attempts])).toEqual([[500, 2]]);
    [logged] = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(logged!.nextAttemptAt!.getTime(), 'the wait doubles').toBe(t1.getTime() + 60_000);
    expect(await drain(new Date(t1.getTime() + 59_000))).toEqual([]);

    failing = false;
    const t2 = new Date(t1.getTime() + 60_000);
    expect((await drain(t2)).map((o) => [o.status, o.ok, o.attempts])).toEqual([[200, true, 3]]);
    [logged] = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(logged).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: null, nextAttemptAt: null });
    expect(receiver.on('/flaky')).toHaveLength(3);
    const ids = new Set(receiver.on('/flaky').map((r) => r.headers['gantry-delivery']));
    expect(ids.size, 'each attempt is the same delivery').toBe(1);
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
  });

  it('gives up after the last attempt, and a refused connection counts as a failure', async () => {
    // A port nobody listens on: opened, then closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const created = await inOrg(orgA, (tx) =>
      createWebhook(tx, { organisationId: orgA, userId: ownerA, name: 'nobody listens', url: `http://127.0.0.1:${port}/`, events: ['work.created'] }),
    );
    await insertItems(test.db, orgA, [{ id: 'W-GONE' }]);
    await enqueueChanges(test.db, orgA);
    let at = new Date(Date.now() + 1_000);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const [outcome] = await drain(at);
      expect(outcome).toMatchObject({ ok: false, status: null, attempts: attempt });
      at = new Date(at.getTime() + backoffMs(attempt));
    }
    expect(await drain(new Date(at.getTime() + 86_400_000))).toEqual([]);
    const [logged] = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(logged).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(logged!.lastError).toMatch(/^Could not connect/);
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
  });
});

describe('what a webhook gets', () => {
  it('gives a webhook that is off nothing, and cancels what it had waiting', async () => {
    receiver.answer = () => 500;
    const created = await hook(orgA, ownerA, '/off', ['work.created']);
    await insertItems(test.db, orgA, [{ id: 'W-OFF-1' }]);
    await enqueueChanges(test.db, orgA);
    await inOrg(orgA, (tx) => setWebhookEnabled(tx, { webhookId: created.id, enabled: false, userId: ownerA }));
    await insertItems(test.db, orgA, [{ id: 'W-OFF-2' }]);
    expect(await enqueueChanges(test.db, orgA)).toBe(0);
    expect(await drain(new Date(Date.now() + 3_600_000))).toEqual([]);
    expect(receiver.on('/off')).toEqual([]);
    const log = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(log.map((d) => [d.state, d.lastError])).toEqual([['failed', 'Not sent: the webhook was turned off.']]);

    // On again: what happened while it was off is not sent; what happens next is.
    receiver.answer = () => 200;
    await inOrg(orgA, (tx) => setWebhookEnabled(tx, { webhookId: created.id, enabled: true, userId: ownerA }));
    await insertItems(test.db, orgA, [{ id: 'W-OFF-3' }]);
    await enqueueChanges(test.db, orgA);
    await drain();
    expect(receiver.on('/off').map((r) => JSON.parse(r.body).entity.id)).toEqual(['W-OFF-3']);
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
    expect(await inOrg(orgA, (tx) => listWebhooks(tx)), 'a deleted webhook is not listed').toEqual([]);
    const [kept] = await query<{ deleted_by: string }>(test.db, `SELECT deleted_by FROM webhooks WHERE id = '${created.id}'`);
    expect(kept!.deleted_by, 'soft delete: the row stays with who deleted it').toBe(ownerA);
  });

  it('never gives organisation A’s webhook a change of organisation B, nor B’s rows in a payload', async () => {
    const hookA = await hook(orgA, ownerA, '/tenant-a', ['work.created', 'work.updated']);
    const hookB = await hook(orgB, ownerB, '/tenant-b', ['work.created']);
    // The same id in both organisations, with different titles.
    await insertItems(test.db, orgB, [{ id: 'W-SAME', title: 'B secret plan' }]);
    expect(await enqueueChanges(test.db, orgA)).toBe(0);
    expect(await enqueueChanges(test.db, orgB)).toBe(1);
    await insertItems(test.db, orgA, [{ id: 'W-SAME', title: 'A public plan' }]);
    expect(await enqueueChanges(test.db, orgA)).toBe(1);
    await drain();
    const toA = receiver.on('/tenant-a').map((r) => r.body);
    const toB = receiver.on('/tenant-b').map((r) => r.body);
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    expect(toA.join()).not.toContain('B secret plan');
    expect(toA.join()).not.toContain(orgB);
    expect(JSON.parse(toA[0]!).data.title).toBe('A public plan');
    expect(JSON.parse(toB[0]!)).toMatchObject({ organisation: { id: orgB }, data: { title: 'B secret plan' } });
    // Inside A, B's webhooks and deliveries do not exist.
    expect((await inOrg(orgA, (tx) => listWebhooks(tx))).map((w) => w.id)).toEqual([hookA.id]);
    expect((await inOrg(orgA, (tx) => listDeliveries(tx))).every((d) => d.webhookId !== hookB.id)).toBe(true);
    await expect(inOrg(orgA, (tx) => sendTestWebhook(tx, { webhookId: hookB.id, userId: ownerA }))).rejects.toThrow('There is no such webhook');
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: hookA.id, userId: ownerA }));
    await inOrg(orgB, (tx) => deleteWebhook(tx, { webhookId: hookB.id, userId: ownerB }));
  });

  it('lets two workers at once send each delivery exactly once', async () => {
    receiver.delayMs = 50;
    const created = await hook(orgA, ownerA, '/race', ['work.created']);
    await insertItems(
      test.db,
      orgA,
      Array.from({ length: 24 }, (_, i) => ({ id: `W-RACE-${i}` })),
    );
    // Two instances looking at the log at once make each delivery once.
    const made = await Promise.all([enqueueChanges(test.db, orgA), enqueueChanges(test.db, orgA)]);
    expect(made[0]! + made[1]!).toBe(24);
    const workers = await Promise.all([0, 1, 2].map(() => deliverDue(test.db, { limit: 10 }).then(async (first) => [...first, ...(await drain())])));
    receiver.delayMs = 0;
    const sent = workers.flat();
    expect(sent).toHaveLength(24);
    expect(new Set(sent.map((o) => o.id)).size).toBe(24);
    const bodies = receiver.on('/race').map((r) => JSON.parse(r.body).entity.id as string);
    expect(bodies).toHaveLength(24);
    expect(new Set(bodies).size).toBe(24);
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
  });
});

describe('rules', () => {
  it('takes http(s) URLs and events from the list only', () => {
    const good = { name: 'CI', url: 'https://ci.example.com/hooks/gantry', events: ['work.created', 'work.created'] };
    expect(createWebhookInput.parse(good).events).toEqual(['work.created']);
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'example.com/hook', 'https://user:pw@example.com/']) {
      const parsed = createWebhookInput.safeParse({ ...good, url });
      expect(parsed.success, url).toBe(false);
    }
    expect(createWebhookInput.safeParse({ ...good, events: [] }).success).toBe(false);
    expect(createWebhookInput.safeParse({ ...good, events: ['work.moved.somewhere'] }).success).toBe(false);
    expect(updateWebhookInput.safeParse({ ...good, webhookId: 'not-a-uuid' }).success).toBe(false);
  });

  it('refuses in the database a URL that is not http(s), an unknown event and a hard delete by the app', async () => {
    await expectRefused(
      inOrg(orgA, (tx) =>
        query(
          tx,
          `INSERT INTO webhooks (organisation_id, name, url, secret, events, created_by, updated_by)
           VALUES ('${orgA}', 'x', 'ftp://example.com', '${'s'.repeat(40)}', '{work.created}', '${ownerA}', '${ownerA}')`,
        ),
      ),
      { message: /webhooks_url_check/ },
    );
    await expectRefused(
      inOrg(orgA, (tx) =>
        query(
          tx,
          `INSERT INTO webhooks (organisation_id, name, url, secret, events, created_by, updated_by)
           VALUES ('${orgA}', 'x', 'https://example.com', '${'s'.repeat(40)}', '{work.exploded}', '${ownerA}', '${ownerA}')`,
        ),
      ),
      { message: /webhooks_events_check/ },
    );
    await expectRefused(
      inOrg(orgA, (tx) => query(tx, `DELETE FROM webhooks`)),
      { code: '42501' },
    );
  });

  it('forgets finished deliveries after the retention, never waiting ones', async () => {
    const created = await hook(orgA, ownerA, '/prune', ['work.created']);
    await insertItems(test.db, orgA, [{ id: 'W-PRUNE' }]);
    await enqueueChanges(test.db, orgA);
    await drain();
    await inOrg(orgA, (tx) => sendTestWebhook(tx, { webhookId: created.id, userId: ownerA }));
    receiver.answer = () => 200;
    const before = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(before.map((d) => d.state).sort()).toEqual(['delivered', 'pending']);
    expect(await pruneDeliveries(test.db, { now: new Date(Date.now() + 8 * 86_400_000) })).toBeGreaterThanOrEqual(1);
    const after = await inOrg(orgA, (tx) => listDeliveries(tx, { webhookId: created.id }));
    expect(after.map((d) => d.state)).toEqual(['pending']);
    await inOrg(orgA, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerA }));
  });
});

describe('the worker', () => {
  it('runs no round for changes no webhook can receive, and a webhook made afterwards gets the next change at once', async () => {
    const orgC = randomUUID();
    await createPortfolio(test.db, orgC, 'hooks-c');
    const ownerC = await createMember(test.db, 'owner-c@example.com', [[orgC, 'owner']]);
    // Every statement the worker sends (a transaction counts as one), through a counting handle.
    let statements = 0;
    const counted = new Proxy(test.db, {
      get(target, key, receiverOf) {
        if (key === 'execute' || key === 'transaction') statements += 1;
        return Reflect.get(target, key, receiverOf) as unknown;
      },
    });
    const worker = new WebhookWorker(async () => counted);
    let notes = 0;
    // The change feed as the hub hands it on: the trigger's NOTIFY, organisation, table and operation.
    const unlisten = await test.handle.listen(CHANGE_CHANNEL, (payload) => {
      const note = JSON.parse(payload) as { o: string; t: string; op: string };
      if (note.o !== orgC) return;
      notes += 1;
      worker.wake({ organisationId: note.o, table: note.t, op: note.op });
    });
    /** Waits until the worker has heard of a change after the `before`th, and any round that asked for ran. */
    const heard = async (before: number) => {
      for (const deadline = Date.now() + 30_000; notes <= before && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(notes, 'the change was announced').toBeGreaterThan(before);
      await new Promise((resolve) => setTimeout(resolve, 40));
      await worker.idle();
    };
    try {
      worker.start(3_600_000); // one tick now (it reads what the webhooks follow), the next in an hour
      await worker.idle();
      statements = 0;
      await insertItems(test.db, orgC, [{ id: 'W-C1' }]);
      await heard(0);
      expect(statements, 'no webhook in the organisation: no round, not one statement').toBe(0);

      const created = await inOrg(orgC, (tx) =>
        createWebhook(tx, { organisationId: orgC, userId: ownerC, name: 'worker', url: `${receiver.url}/worker`, events: ['work.created'] }),
      );
      await insertItems(test.db, orgC, [{ id: 'W-C2' }]);
      // A loaded machine (CI runs both suites beside the build and the browser tests) can take seconds.
      for (const deadline = Date.now() + 30_000; receiver.on('/worker').length === 0 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const sent = receiver.on('/worker').map((r) => JSON.parse(r.body) as { event: string; entity: { id: string } });
      expect(
        sent.map((e) => [e.event, e.entity.id]),
        'the first change after the webhook, sent without waiting for a tick',
      ).toEqual([['work.created', 'W-C2']]);
      await new Promise((resolve) => setTimeout(resolve, 40));
      await worker.idle();

      statements = 0;
      let before = notes;
      await query(test.db, `UPDATE roadmap_items SET phase_key = 'phase_b' WHERE organisation_id = '${orgC}' AND id = 'W-C2'`);
      await heard(before);
      expect(statements, 'a change the webhook does not follow (work.updated): no round').toBe(0);

      await inOrg(orgC, (tx) => deleteWebhook(tx, { webhookId: created.id, userId: ownerC }));
      await new Promise((resolve) => setTimeout(resolve, 60));
      await worker.idle();
      statements = 0;
      before = notes;
      await insertItems(test.db, orgC, [{ id: 'W-C3' }]);
      await heard(before);
      expect(statements, 'the webhook deleted: no round again').toBe(0);
      expect(receiver.on('/worker')).toHaveLength(1);
    } finally {
      worker.stop();
      await unlisten();
    }
  });
});
