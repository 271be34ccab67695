import { z } from 'zod';

/**
 * Gantry's environment, parsed once. A wrong value stops start-up with a message that names
 * the variable; nothing else in the code reads process.env for these.
 */
const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user@127.0.0.1:5432/gantry' },
  );

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const envSchema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  GANTRY_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
  /**
   * On the embedded demo database, `npm start` runs simulated builders that claim work, send
   * heartbeats and complete it through the agent API, so the demo stays alive (docs/agents.md).
   * `0` (or `false`) turns them off. They never run on a database from DATABASE_URL.
   */
  GANTRY_DEMO_AGENTS: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z
      .enum(['', '1', 'true', 'on', '0', 'false', 'off'], { message: 'must be 1 (the default: simulated demo builders run) or 0 (they do not)' })
      .optional()
      .transform((value) => !['0', 'false', 'off'].includes(value ?? '')),
  ),
  /**
   * On PostgreSQL (DATABASE_URL), `npm start` answers heartbeats itself, before Next.js's router,
   * and sends those that arrive together to the database as one statement (docs/agent-api.md,
   * docs/benchmarks.md), and the board's moves in one round trip (docs/board.md). `0` (or `false`)
   * sends both through Next.js like every other request.
   */
  GANTRY_HEARTBEAT_FAST_PATH: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z
      .enum(['', '1', 'true', 'on', '0', 'false', 'off'], { message: 'must be 1 (the default: the heartbeat fast path is on) or 0 (off)' })
      .optional()
      .transform((value) => !['0', 'false', 'off'].includes(value ?? '')),
  ),
  /**
   * The embedded database's page cache (PostgreSQL's shared_buffers), in MiB. It lives in PGlite's
   * WebAssembly memory, which only grows: every page once read stays resident in the server for
   * its life. PGlite's default is 128; pages beyond this stay in the operating system's file cache
   * instead, outside the server's memory (docs/benchmarks.md, "The server's memory").
   */
  GANTRY_PGLITE_SHARED_BUFFERS_MB: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1024).default(16)),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  DB_POOL_MAX: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(10)),
  DB_STATEMENT_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(600_000).default(30_000)),
  /** The address people open Gantry at; session cookies are Secure when it is https. */
  GANTRY_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL, e.g. https://gantry.example.com' })
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
  ),
  /** Signs session cookies; unset means the secret the database made for itself. */
  GANTRY_AUTH_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, { message: 'must be at least 32 characters (e.g. `openssl rand -hex 32`)' }).optional(),
  ),
  /**
   * How many proxies in front of Gantry append to X-Forwarded-For: 0 (none, the default: the
   * header is the client's own claim and is not trusted), `true` (one), or a number.
   */
  GANTRY_TRUST_PROXY: z.preprocess(
    (value) => {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
      if (text === '' || text === undefined || text === 'false') return 0;
      return text === 'true' ? 1 : text;
    },
    z.coerce
      .number({ message: 'must be false, true or the number of proxies in front of Gantry (e.g. 1)' })
      .int({ message: 'must be false, true or the number of proxies in front of Gantry (e.g. 1)' })
      .min(0, { message: 'must be false, true or the number of proxies in front of Gantry (e.g. 1)' })
      .max(10, { message: 'at most 10 proxies' }),
  ),
  /** Requests per minute that one API token may make to the agent API (/api/v1); more answer 429. */
  GANTRY_API_RATE_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1200)),
  /** Live event streams (/api/v1/events) one person or token may hold open at once; more answer 429. */
  GANTRY_LIVE_STREAMS_PER_CALLER: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(10)),
  /** Live event streams one server instance holds open at most; more answer 429. */
  GANTRY_LIVE_STREAMS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(2000)),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Gantry cannot start: invalid environment\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env: the next env() reads it again (test files share modules). */
export function forgetEnv(): void {
  cached = undefined;
}
