import { randomUUID } from 'node:crypto';

/**
 * A small client of Gantry's agent API (`/api/v1`), as any builder agent would write one: bearer
 * token, JSON, an Idempotency-Key on every POST (kept across retries, so a retry never does the
 * work twice), and retries on network errors, 429 (after Retry-After) and 5xx.
 * It talks HTTP only; it imports nothing of the server.
 */

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: Record<string, string>;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.code ?? ''}: ${problem.detail ?? problem.title ?? 'request failed'}`);
    this.name = 'ApiProblem';
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

export interface ReadyWork {
  id: string;
  title: string;
  phase: string;
  owner: string | null;
  requiredCapabilities: string[];
}

export interface Lease {
  id: string;
  ttlSeconds: number;
  expiresAt: string;
}

export interface Claim {
  id: string;
  workId: string;
  workerId: string;
  startedAt: string;
  lease: Lease;
}

export interface OwnAttempt {
  id: string;
  workId: string;
  startedAt: string;
  endedAt?: string | null;
  outcome?: string | null;
}

export interface Evidence {
  id: string;
  sha256: string;
  hashOf: 'content' | 'stated' | 'uri';
  uri: string;
}

export interface WhoAmI {
  workerId: string;
  workerType: 'agent' | 'human';
  builder: { builderId: string; capabilities: string[]; lastHeartbeat: string } | null;
  organisation: { slug: string; name: string };
}

export interface ClientOptions {
  url: string;
  token: string;
  /** Attempts per request (network errors, 429, 5xx); 1 means no retry. */
  attempts?: number;
  fetch?: typeof fetch;
  /** Waits between retries; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AgentClient {
  private readonly base: string;
  private readonly doFetch: typeof fetch;
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.doFetch = options.fetch ?? fetch;
    this.attempts = options.attempts ?? 4;
    this.sleep = options.sleep ?? wait;
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: 'application/json' };
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = randomUUID();
    }
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let response: Response;
      try {
        response = await this.doFetch(`${this.base}${path}`, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined });
      } catch (error) {
        lastError = error;
        await this.sleep(250 * 2 ** attempt);
        continue;
      }
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (response.ok) return { status: response.status, data: (parsed as { data: T }).data };
      const problem = { status: response.status, ...(parsed as Partial<Problem> | undefined) } as Problem;
      lastError = new ApiProblem(response.status, problem);
      if (response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await this.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 250 * 2 ** attempt);
        continue;
      }
      throw lastError;
    }
    throw lastError;
  }

  async whoAmI(): Promise<WhoAmI> {
    return (await this.request<WhoAmI>('GET', '/api/v1/builder')).data;
  }

  async readyWork(limit = 20): Promise<ReadyWork[]> {
    return (await this.request<{ items: ReadyWork[] }>('GET', `/api/v1/work/ready?limit=${limit}`)).data.items;
  }

  async openAttempts(): Promise<OwnAttempt[]> {
    return (await this.request<{ items: OwnAttempt[] }>('GET', '/api/v1/attempts?state=open&limit=50')).data.items;
  }

  async claim(workId: string, ttlSeconds: number): Promise<Claim> {
    return (await this.request<Claim>('POST', `/api/v1/work/${encodeURIComponent(workId)}/claim`, { ttlSeconds })).data;
  }

  async heartbeat(attemptId: string, beat: { progress?: number; status?: 'active' | 'idle' | 'blocked'; message?: string }) {
    return (await this.request<{ at: string; leaseExpiresAt: string }>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/heartbeat`, beat)).data;
  }

  /** Between attempts: the builder is alive, waiting for work. */
  async builderHeartbeat(message: string, status: 'active' | 'idle' | 'blocked' = 'idle') {
    return (await this.request<{ at: string }>('POST', '/api/v1/builder/heartbeat', { status, message })).data;
  }

  async recordEvidence(attemptId: string, evidence: { type: string; content?: string; uri?: string; sha256?: string; title?: string; description?: string }) {
    return (await this.request<Evidence>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/evidence`, evidence)).data;
  }

  async complete(attemptId: string, notes?: string) {
    return (await this.request<{ endedAt: string }>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/complete`, notes ? { notes } : {})).data;
  }

  async fail(attemptId: string, reason: string) {
    return (await this.request<{ endedAt: string }>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/fail`, { reason })).data;
  }

  async handOff(attemptId: string, toBuilderId: string, reason: string) {
    return (
      await this.request<{ handedOffTo: { attemptId: string } }>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/hand-off`, { toBuilderId, reason })
    ).data;
  }

  async block(attemptId: string, blocker: { reasonCode: string; title: string; description?: string; needs?: string }) {
    return (await this.request<{ blockerId: string }>('POST', `/api/v1/attempts/${encodeURIComponent(attemptId)}/block`, blocker)).data;
  }
}
