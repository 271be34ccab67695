import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { attemptSql, createKernelWorld, evidenceSql } from './kernel.fixture';

const org = '00000000-0000-4000-8000-0000000000e1';

const sql = (statement: string) => query(handle.db, statement);

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'kernel-records');
  await sql(`INSERT INTO compiled_contracts (organisation_id, contract_hash, compiled_json, source_refs_json)
             VALUES ('${org}', 'sha256:c1', '{"goal": "Read leases"}', '["docs/kernel.md"]')`);
  await sql(attemptSql(org, 'A1', 'W1', { contract_hash: "'sha256:c1'" }));
  await sql(evidenceSql(org, 'E1', 'W1', { attempt: 'A1' }));
  await sql(`INSERT INTO decisions (organisation_id, id, work_id, decision_type) VALUES ('${org}', 'D1', 'W1', 'approval')`);
  await sql(`INSERT INTO kernel_decisions (organisation_id, id, work_id, decision_type, decision_summary, decided_by)
             VALUES ('${org}', 'KD1', 'W1', 'plan_committed', 'Plan v1', 'ben')`);
  await sql(`INSERT INTO kernel_evidence (organisation_id, id, work_id, evidence_type, created_by)
             VALUES ('${org}', 'KE1', 'W1', 'log', 'ben')`);
  await sql(`INSERT INTO kernel_outcomes (organisation_id, id, work_id, outcome_type, path, created_by)
             VALUES ('${org}', 'KO1', 'W1', 'file_written', 'src/lease.py', 'agent:builder-2')`);
});

describe('append-only kernel records', () => {
  const cases = [
    [
      'compiled_contracts',
      "contract_hash = 'sha256:c1'",
      'created_at = now()',
      'KERNEL: Compiled contracts are immutable',
      'KERNEL: Compiled contracts cannot be deleted',
    ],
    [
      'decisions',
      "id = 'D1'",
      "reason = 'later'",
      'KERNEL: Decision records are immutable. Create a new decision with supersedes_decision_id instead.',
      'KERNEL: Decision records cannot be deleted.',
    ],
    [
      'evidence',
      "id = 'E1'",
      "title = 'later'",
      'KERNEL: Evidence records are immutable. Create new evidence instead.',
      'KERNEL: Evidence records cannot be deleted.',
    ],
    [
      'kernel_decisions',
      "id = 'KD1'",
      "rationale = 'later'",
      'KERNEL: Decision records are immutable. Create a new decision with supersedes_decision_id instead.',
      'KERNEL: Decision records cannot be deleted.',
    ],
    [
      'kernel_evidence',
      "id = 'KE1'",
      "title = 'later'",
      'KERNEL: Evidence records are immutable. Create new evidence instead.',
      'KERNEL: Evidence records cannot be deleted.',
    ],
    ['kernel_outcomes', "id = 'KO1'", "description = 'later'", 'KERNEL: Outcome records are immutable.', 'KERNEL: Outcome records cannot be deleted.'],
  ] as const;

  it.each(cases)('%s refuses every UPDATE and DELETE', async (table, where, set, updateMessage, deleteMessage) => {
    await expectRefused(sql(`UPDATE ${table} SET ${set} WHERE organisation_id = '${org}' AND ${where}`), { code: '23514', message: updateMessage });
    await expectRefused(sql(`DELETE FROM ${table} WHERE organisation_id = '${org}' AND ${where}`), { code: '23514', message: deleteMessage });
    const [row] = await sql(`SELECT count(*)::int AS n FROM ${table} WHERE organisation_id = '${org}' AND ${where}`);
    expect(row).toEqual({ n: 1 });
  });

  it('corrects a decision by a new one that supersedes it', async () => {
    await sql(`INSERT INTO decisions (organisation_id, id, work_id, decision_type, supersedes_decision_id, reason)
               VALUES ('${org}', 'D2', 'W1', 'revocation', 'D1', 'Approved the wrong plan')`);
    await expectRefused(sql(`INSERT INTO decisions (organisation_id, id, decision_type, related_decision_id) VALUES ('${org}', 'D3', 'approval', 'NOPE')`), {
      code: '23503',
      message: /decisions_related_fk/,
    });
  });
});

describe('decisions', () => {
  it("takes the seed's defaults and knows waiver and escalation among its eleven types", async () => {
    const [row] = await sql(`SELECT authority, outcome, decided_by, decided_at IS NOT NULL AS decided FROM decisions WHERE id = 'D1'`);
    expect(row).toEqual({ authority: 'system', outcome: 'recorded', decided_by: 'system', decided: true });
    for (const type of ['waiver', 'escalation', 'draft_rejected']) {
      await sql(`INSERT INTO decisions (organisation_id, id, work_id, decision_type) VALUES ('${org}', 'T-${type}', 'W2', '${type}')`);
    }
    await expectRefused(sql(`INSERT INTO decisions (organisation_id, id, decision_type) VALUES ('${org}', 'T-x', 'veto')`), {
      code: '23514',
      message: /decisions_decision_type_check/,
    });
    await expectRefused(
      sql(`INSERT INTO kernel_decisions (organisation_id, id, decision_type, decision_summary, decided_by) VALUES ('${org}', 'T-x', 'veto', 's', 'me')`),
      { message: /kernel_decisions_decision_type_check/ },
    );
  });
});

describe('compiled contracts, capabilities, legacy evidence', () => {
  it('refuses an attempt frozen against an unknown contract', async () => {
    await expectRefused(sql(attemptSql(org, 'A2', 'W2', { contract_hash: "'sha256:nope'" })), { code: '23503', message: /attempts_contract_fk/ });
  });

  it('keys required capabilities by item and capability', async () => {
    await sql(`INSERT INTO work_required_capabilities (organisation_id, work_id, capability_id, required_by) VALUES ('${org}', 'W1', 'python', 'contract')`);
    await expectRefused(sql(`INSERT INTO work_required_capabilities (organisation_id, work_id, capability_id) VALUES ('${org}', 'W1', 'python')`), {
      code: '23505',
      message: /work_required_capabilities_pkey/,
    });
    await expectRefused(sql(`INSERT INTO work_required_capabilities (organisation_id, work_id, capability_id) VALUES ('${org}', 'NOPE', 'python')`), {
      code: '23503',
      message: /work_required_capabilities_work_fk/,
    });
  });

  it('lets legacy evidence go without uri and hash, but not without a known type', async () => {
    await expectRefused(sql(`INSERT INTO kernel_evidence (organisation_id, id, evidence_type, created_by) VALUES ('${org}', 'KE2', 'video', 'me')`), {
      code: '23514',
      message: /kernel_evidence_evidence_type_check/,
    });
  });
});

describe('plan_events', () => {
  const event = (id: string, key: string, extra = '') =>
    sql(`INSERT INTO plan_events (organisation_id, event_id, idempotency_key, ts, actor, actor_type, source, event_type, payload${extra ? ', process_result' : ''})
         VALUES ('${org}', '${id}', '${key}', now(), 'ben', 'user', 'cli', 'item.created', '{"id": "W9"}'${extra ? `, '${extra}'` : ''})`);

  it('applies an idempotency key once per organisation', async () => {
    await event('PE1', 'k-1');
    await expectRefused(event('PE2', 'k-1'), { code: '23505', message: /plan_events_idempotency_key_key/ });
  });

  it('checks actor types and process results', async () => {
    await expectRefused(
      sql(`INSERT INTO plan_events (organisation_id, event_id, idempotency_key, ts, actor, actor_type, source, event_type, payload)
           VALUES ('${org}', 'PE3', 'k-3', now(), 'x', 'robot', 'cli', 'e', '{}')`),
      { code: '23514', message: /plan_events_actor_type_check/ },
    );
    await expectRefused(event('PE3', 'k-3', 'ignored'), { message: /plan_events_process_result_check/ });
    await event('PE3', 'k-3', 'conflict');
    await sql(`UPDATE plan_events SET processed_at = now(), process_result = 'applied' WHERE organisation_id = '${org}' AND event_id = 'PE1'`);
  });
});

describe('coordination_leases and events (LeaseStore)', () => {
  const lease = (id: string, extra: Record<string, string> = {}) =>
    sql(`INSERT INTO coordination_leases (organisation_id, lease_id, owner_agent_id, mode, resources, issued_at, expires_at,
           heartbeat_deadline, snapshot_id, policy_version, lens_digest, work_id${Object.keys(extra)
             .map((k) => `, ${k}`)
             .join('')})
         VALUES ('${org}', '${id}', 'agent:builder-2', 'write', '[{"type": "file", "path": "src/lease.py"}]', now(),
           now() + interval '1 hour', now() + interval '5 minutes', 'snap-1', 'policy-3', 'lens-abc', 'ADHOC-spike'
           ${Object.values(extra)
             .map((v) => `, ${v}`)
             .join('')})`);

  it('takes an ad hoc work id, defaults to active, and keeps updated_at', async () => {
    await lease('L1');
    await sql(`UPDATE coordination_leases SET status = 'released', outcome = 'success' WHERE organisation_id = '${org}' AND lease_id = 'L1'`);
    const [row] = await sql(`SELECT status, outcome, updated_at >= created_at AS touched FROM coordination_leases WHERE lease_id = 'L1'`);
    expect(row).toEqual({ status: 'released', outcome: 'success', touched: true });
  });

  it("refuses values outside LeaseStore's lists", async () => {
    await expectRefused(lease('L2', { status: "'lost'" }), { code: '23514', message: /coordination_leases_status_check/ });
    await expectRefused(lease('L2', { outcome: "'meh'" }), { message: /coordination_leases_outcome_check/ });
    await expectRefused(
      lease('L2').then(() => sql(`UPDATE coordination_leases SET mode = 'exclusive' WHERE lease_id = 'L2'`)),
      {
        message: /coordination_leases_mode_check/,
      },
    );
    await expectRefused(sql(`UPDATE coordination_leases SET resources = '{}' WHERE lease_id = 'L2'`), {
      message: /coordination_leases_resources_is_array/,
    });
  });

  it('records events of a lease, and refuses an event of an unknown lease', async () => {
    await sql(`INSERT INTO events (organisation_id, event_id, lease_id, event_type, payload) VALUES ('${org}', 'evt-1', 'L1', 'heartbeat', '{}')`);
    await expectRefused(
      sql(`INSERT INTO events (organisation_id, event_id, lease_id, event_type, payload) VALUES ('${org}', 'evt-2', 'NOPE', 'progress', '{}')`),
      { code: '23503', message: /events_lease_fk/ },
    );
  });
});
