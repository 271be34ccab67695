// The webhook worker's cost per announced change, for an organisation without webhooks (the
// heartbeat load's builder updates): the worker runs on this process's own pool (application
// name `gantry`) against DATABASE_URL, woken by the change feed's NOTIFY as the hub wakes it;
// pgbench (a process of its own) updates the demo's builders at a fixed rate. Answers the CPU of
// this process and of its PostgreSQL backends, per change, and the statements the worker sent.
// Usage (docs/benchmarks.md, "The webhook worker on every change"):
//   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/webhook-wakes.ts [worker module] [rate] [seconds]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import { connect } from '../../lib/db/connection';
import type { Database } from '../../lib/db/connection';
import { rowsOf } from '../../lib/db/sql';
import { CHANGE_CHANNEL } from '../../lib/live/events';

const [modulePath = '../../lib/webhooks/worker', rate = '300', seconds = '10'] = process.argv.slice(2);
const url = process.env.DATABASE_URL!;

function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

const handle = await connect({ kind: 'postgres', url, poolMax: 4 });
let statements = 0;
const counted = new Proxy(handle.db, {
  get(target, key, receiver) {
    if (key === 'execute' || key === 'transaction') statements += 1;
    return Reflect.get(target, key, receiver) as unknown;
  },
});
const { WebhookWorker } = (await import(modulePath)) as {
  WebhookWorker: new (getDb: () => Promise<Database>) => { wake(change: unknown): void; start(ms?: number): void; stop(): void; idle(): Promise<void> };
};
const worker = new WebhookWorker(async () => counted);
const takesNotes = WebhookWorker.prototype.wake.length === 1 && 'stats' in worker;
let notes = 0;
const unlisten = await handle.listen(CHANGE_CHANNEL, (payload) => {
  const note = JSON.parse(payload) as { o: string; t: string; op: string };
  notes += 1;
  worker.wake(takesNotes ? { organisationId: note.o, table: note.t, op: note.op } : note.o);
});
worker.start();
await worker.idle();
await new Promise((resolve) => setTimeout(resolve, 300));

const monitor = await connect({ kind: 'postgres', url, poolMax: 1 });
const backends = async () =>
  rowsOf<{ pid: number }>(
    await monitor.db.execute(
      sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'gantry' AND pid <> pg_backend_pid()`,
    ),
  ).map((row) => Number(row.pid));
// One pgbench script per builder (up to 20) of organisations without a webhook that is on.
const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-wakes-'));
const builders = rowsOf<{ organisation_id: string; builder_id: string }>(
  await monitor.db.execute(sql`
    SELECT organisation_id::text AS organisation_id, builder_id FROM builders b
     WHERE deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.organisation_id = b.organisation_id AND w.enabled AND w.deleted_at IS NULL)
     ORDER BY builder_id LIMIT 20`),
);
if (!builders.length) throw new Error('No builder of an organisation without webhooks: seed the demo data first (npm run db:seed).');
builders.forEach((builder, i) =>
  fs.writeFileSync(
    path.join(scripts, `b${i}.sql`),
    `UPDATE builders SET last_heartbeat = now() WHERE organisation_id = '${builder.organisation_id}' AND builder_id = '${builder.builder_id.replaceAll("'", "''")}';\n`,
  ),
);
const before = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]));
const ownBefore = process.cpuUsage();
statements = 0;
notes = 0;
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const files = fs.readdirSync(scripts).flatMap((file) => ['-f', path.join(scripts, file)]);
await new Promise<void>((resolve, reject) => {
  const child = spawn('pgbench', ['-n', '-h', '127.0.0.1', '-U', 'postgres', '-c', '2', '-R', rate, '-T', seconds, ...files, new URL(url).pathname.slice(1)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pgbench ${code}`))));
});
await new Promise((resolve) => setTimeout(resolve, 500));
await worker.idle();
const own = process.cpuUsage(ownBefore);
let database = 0;
for (const pid of await backends()) database += cpuMs(pid) - (before.get(pid) ?? 0);
const ownMs = (own.user + own.system) / 1000;
console.log(
  `${path.basename(modulePath)}: ${notes} changes announced, ${statements} worker statements (${(statements / Math.max(1, notes)).toFixed(3)} a change); ` +
    `CPU this process ${ownMs.toFixed(0)} ms (${((ownMs / Math.max(1, notes)) * 1000).toFixed(1)} µs a change), its PostgreSQL backends ${database.toFixed(0)} ms ` +
    `(${((database / Math.max(1, notes)) * 1000).toFixed(1)} µs a change); load average ${load} before, ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} after`,
);
worker.stop();
await unlisten();
await monitor.close();
fs.rmSync(scripts, { recursive: true, force: true });
await handle.close();
