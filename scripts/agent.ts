// npm run agent -- --url http://localhost:3000 --token gantry_…  [--simulate N] [--work ID] [--once]
// The reference builder agent: claims ready work, sends heartbeats, records evidence (the
// SHA-256 of a file it writes) and completes, over Gantry's HTTP API only. With --simulate N it
// runs N simulated builders (realistic durations, occasional failures, hand-offs and blockers).
import { parseArgs } from 'node:util';

import { runBuilder, DEMO_OUTCOMES } from '../lib/reference-agent/builder';
import { AgentClient } from '../lib/reference-agent/client';
import { runMain } from './lib/run';

class UsageError extends Error {
  name = 'UsageError';
}

const USAGE = `Usage: npm run agent -- --url <gantry url> --token <token> [options]

  --url URL             Gantry's address, e.g. http://localhost:3000 (or GANTRY_AGENT_URL)
  --token TOKEN         a builder token from Settings → API tokens (or GANTRY_AGENT_TOKEN);
                        repeat it to run simulated builders as several builders
  --simulate N          run N simulated builders (spread over the tokens) until Ctrl+C
  --work ID             work only on this work item
  --once                stop after one finished attempt
  --duration A-B        seconds a piece of work takes (default 8-20; simulated 30-120)
  --heartbeat S         seconds between heartbeats (default 5)
  --lease S             the lease's time-to-live in seconds (default 60)
  --hand-off-to IDS     comma-separated builders a simulated builder may hand off to
  --work-dir DIR        where the agent writes the files it produces (default: the temp folder)`;

function seconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number of seconds, not "${value}"`);
  return n;
}

runMain(async () => {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      token: { type: 'string', multiple: true },
      simulate: { type: 'string' },
      work: { type: 'string' },
      once: { type: 'boolean' },
      duration: { type: 'string' },
      heartbeat: { type: 'string' },
      lease: { type: 'string' },
      'hand-off-to': { type: 'string' },
      'work-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const url = values.url ?? process.env.GANTRY_AGENT_URL;
  const tokens = values.token ?? (process.env.GANTRY_AGENT_TOKEN ? [process.env.GANTRY_AGENT_TOKEN] : []);
  if (!url || !/^https?:\/\//.test(url)) throw new UsageError(`Give Gantry's address with --url, e.g. --url http://localhost:3000\n\n${USAGE}`);
  if (!tokens.length) throw new UsageError(`Give a builder token with --token (make one in Settings → API tokens)\n\n${USAGE}`);
  const simulated = values.simulate === undefined ? 0 : Number(values.simulate);
  if (!Number.isInteger(simulated) || simulated < 0 || simulated > 1000) throw new UsageError('--simulate takes a whole number of builders, 1 to 1000');

  const durationText = values.duration ?? (simulated ? '30-120' : '8-20');
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(durationText);
  if (!range || Number(range[1]) > Number(range[2])) throw new UsageError(`--duration takes a range of seconds such as 8-20, not "${durationText}"`);
  const common = {
    durationSeconds: [Number(range[1]), Number(range[2])] as [number, number],
    heartbeatSeconds: seconds(values.heartbeat, 5, 'heartbeat'),
    leaseSeconds: seconds(values.lease, 60, 'lease'),
    idleSeconds: 5,
    workId: values.work,
    maxAttempts: values.once ? 1 : undefined,
    workDir: values['work-dir'],
  };
  if (common.heartbeatSeconds * 2 > common.leaseSeconds)
    throw new UsageError('--heartbeat must be at most half of --lease, or the lease lapses between heartbeats');

  const controller = new AbortController();
  const stop = () => {
    console.log('\nStopping: finishing the current step (Ctrl+C again to quit at once)…');
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const clients = tokens.map((token) => new AgentClient({ url, token }));
  const identities = await Promise.all(clients.map((client) => client.whoAmI()));
  const names = identities.map((me) => me.builder?.builderId ?? me.workerId);
  console.log(`Gantry at ${url}, organisation “${identities[0]!.organisation.name}”, as ${names.join(', ')}.`);

  if (!simulated) {
    const result = await runBuilder({
      ...common,
      client: clients[0]!,
      idleHeartbeats: identities[0]!.workerType === 'agent',
      signal: controller.signal,
      log: (line) => console.log(`[${names[0]}] ${line}`),
    });
    console.log(`Finished ${result.finished} attempt(s).`);
    return;
  }
  const handOffTo =
    values['hand-off-to']
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean) ?? names;
  const runs = Array.from({ length: simulated }, (_, i) => {
    const which = i % clients.length;
    return runBuilder({
      ...common,
      client: clients[which]!,
      idleHeartbeats: identities[which]!.workerType === 'agent',
      simulate: { outcomes: DEMO_OUTCOMES, handOffTo: handOffTo.filter((id) => id !== names[which]) },
      signal: controller.signal,
      log: (line) => console.log(`[${names[which]} #${i + 1}] ${line}`),
    });
  });
  const results = await Promise.all(runs);
  console.log(`Finished ${results.reduce((sum, r) => sum + r.finished, 0)} attempt(s).`);
});
