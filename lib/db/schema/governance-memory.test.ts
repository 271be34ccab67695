import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { orgA, orgB, seedPortfolio } from './governance.fixture';

const handle = setUpTestDatabase(seedPortfolio);

describe('idempotency_keys', () => {
  it('stores one row per key and organisation, pending by default', async () => {
    await query(
      handle.db,
      `INSERT INTO idempotency_keys (organisation_id, key, operation, request_hash, expires_at)
       VALUES ('${orgA}', 'k1', 'apply_actions', 'h1', now() + interval '1 day'),
              ('${orgB}', 'k1', 'apply_actions', 'h1', now() + interval '1 day')`,
    );
    const [row] = await query(handle.db, `SELECT status FROM idempotency_keys WHERE organisation_id = '${orgA}' AND key = 'k1'`);
    expect(row).toEqual({ status: 'pending' });
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO idempotency_keys (organisation_id, key, operation, request_hash, expires_at)
                        VALUES ('${orgA}', 'k1', 'apply_actions', 'h2', now() + interval '1 day')`,
      ),
      { code: '23505', message: /idempotency_keys_pkey/ },
    );
  });

  it('holds a whole batch under one key as one row (the batch-under-one-key defect does not arise)', async () => {
    const response = JSON.stringify({
      results: [
        { action: 'createCard', ok: true },
        { action: 'updateCard', ok: true },
      ],
    });
    await query(handle.db, `UPDATE idempotency_keys SET status = 'complete', response = '${response}' WHERE organisation_id = '${orgA}' AND key = 'k1'`);
    const [row] = await query<{ n: number }>(
      handle.db,
      `SELECT jsonb_array_length(response -> 'results') AS n FROM idempotency_keys WHERE organisation_id = '${orgA}' AND key = 'k1'`,
    );
    expect(row?.n).toBe(2);
  });

  it('refuses an expiry not after creation and a status outside pending / complete / failed', async () => {
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO idempotency_keys (organisation_id, key, operation, request_hash, created_at, expires_at)
                        VALUES ('${orgA}', 'k2', 'op', 'h', '2026-01-01', '2026-01-01')`,
      ),
      { code: '23514', message: /idempotency_keys_expires_check/ },
    );
    await expectRefused(query(handle.db, `UPDATE idempotency_keys SET status = 'done' WHERE key = 'k1'`), {
      code: '23514',
      message: /idempotency_keys_status_check/,
    });
  });
});

describe('sessions (project memory)', () => {
  it('counts start at zero; counts may not go negative; a session may not end before it starts', async () => {
    await query(handle.db, `INSERT INTO sessions (organisation_id) VALUES ('${orgA}')`);
    const [row] = await query(handle.db, `SELECT commands_run, learnings_captured, ended_at FROM sessions`);
    expect(row).toEqual({ commands_run: 0, learnings_captured: 0, ended_at: null });
    await expectRefused(query(handle.db, `UPDATE sessions SET commands_run = -1`), { code: '23514', message: /sessions_commands_run_check/ });
    await expectRefused(query(handle.db, `UPDATE sessions SET learnings_captured = -1`), { message: /sessions_learnings_captured_check/ });
    await expectRefused(query(handle.db, `UPDATE sessions SET ended_at = started_at - interval '1 second'`), { message: /sessions_ended_check/ });
    await query(handle.db, `UPDATE sessions SET ended_at = started_at`);
  });
});

describe('session caches', () => {
  it('caches a session file once per path, with a status from the list', async () => {
    await query(
      handle.db,
      `INSERT INTO session_file_cache (organisation_id, id, source, file_path, file_hash, file_mtime_ns, file_size_bytes)
       VALUES ('${orgA}', 's1', 'claude', '/home/a/s1.jsonl', 'abc', 1735689600000000000, 2048)`,
    );
    const [row] = await query(handle.db, `SELECT status, last_action, has_completion, file_mtime_ns FROM session_file_cache WHERE id = 's1'`);
    expect(row).toMatchObject({ status: 'active', last_action: '', has_completion: false });
    expect(String(row?.file_mtime_ns)).toBe('1735689600000000000');
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO session_file_cache (organisation_id, id, source, file_path, file_hash, file_mtime_ns, file_size_bytes)
                        VALUES ('${orgA}', 's2', 'codex', '/home/a/s1.jsonl', 'def', 1, 1)`,
      ),
      { code: '23505', message: /session_file_cache_file_path_key/ },
    );
    await expectRefused(query(handle.db, `UPDATE session_file_cache SET status = 'lost' WHERE id = 's1'`), {
      code: '23514',
      message: /session_file_cache_status_check/,
    });
  });

  it('indexes events by sequence within a session of the same organisation', async () => {
    await query(handle.db, `INSERT INTO session_event_cache (organisation_id, session_id, sequence, type) VALUES ('${orgA}', 's1', 1, 'user')`);
    await expectRefused(
      query(handle.db, `INSERT INTO session_event_cache (organisation_id, session_id, sequence, type) VALUES ('${orgA}', 's1', 1, 'assistant')`),
      { code: '23505', message: /session_event_cache_session_sequence_key/ },
    );
    await expectRefused(query(handle.db, `INSERT INTO session_event_cache (organisation_id, session_id, sequence, type) VALUES ('${orgB}', 's1', 1, 'user')`), {
      code: '23503',
      message: /session_event_cache_session_fk/,
    });
  });

  it('keeps sync state as key / value pairs per organisation', async () => {
    await query(
      handle.db,
      `INSERT INTO session_cache_state (organisation_id, key, value) VALUES ('${orgA}', 'last_sync', '2026-01-01T00:00:00Z'), ('${orgB}', 'last_sync', 'never')`,
    );
    await expectRefused(query(handle.db, `INSERT INTO session_cache_state (organisation_id, key, value) VALUES ('${orgA}', 'last_sync', 'again')`), {
      code: '23505',
    });
  });
});

describe('userland tables', () => {
  it('learned_patterns: source from the list, frequency at least 1, one row per type and value', async () => {
    await query(
      handle.db,
      `INSERT INTO learned_patterns (organisation_id, pattern_type, pattern_value, source) VALUES ('${orgA}', 'test_command', 'npm test', 'detection')`,
    );
    const [row] = await query(handle.db, `SELECT frequency FROM learned_patterns`);
    expect(row).toEqual({ frequency: 1 });
    await expectRefused(query(handle.db, `UPDATE learned_patterns SET frequency = 0`), { code: '23514', message: /learned_patterns_frequency_check/ });
    await expectRefused(
      query(handle.db, `INSERT INTO learned_patterns (organisation_id, pattern_type, pattern_value, source) VALUES ('${orgA}', 'x', 'y', 'guess')`),
      { code: '23514', message: /learned_patterns_source_check/ },
    );
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO learned_patterns (organisation_id, pattern_type, pattern_value, source) VALUES ('${orgA}', 'test_command', 'npm test', 'observation')`,
      ),
      { code: '23505', message: /learned_patterns_type_value_key/ },
    );
    await query(
      handle.db,
      `INSERT INTO learned_patterns (organisation_id, pattern_type, pattern_value, source) VALUES ('${orgB}', 'test_command', 'npm test', 'observation')`,
    );
  });

  it('detected_patterns: confidence high / medium / low, one row per type and value', async () => {
    await query(
      handle.db,
      `INSERT INTO detected_patterns (organisation_id, pattern_type, pattern_value, confidence) VALUES ('${orgA}', 'framework', 'next', 'high')`,
    );
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO detected_patterns (organisation_id, pattern_type, pattern_value, confidence) VALUES ('${orgA}', 'framework', 'vite', 'certain')`,
      ),
      { code: '23514', message: /detected_patterns_confidence_check/ },
    );
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO detected_patterns (organisation_id, pattern_type, pattern_value, confidence) VALUES ('${orgA}', 'framework', 'next', 'low')`,
      ),
      { code: '23505', message: /detected_patterns_type_value_key/ },
    );
  });

  it('ground_rules: source default / user_defined / imported, one row per type and value', async () => {
    await query(handle.db, `INSERT INTO ground_rules (organisation_id, rule_type, rule_value, source) VALUES ('${orgA}', 'never', 'push to main', 'default')`);
    await expectRefused(
      query(handle.db, `INSERT INTO ground_rules (organisation_id, rule_type, rule_value, source) VALUES ('${orgA}', 'never', 'push to main', 'imported')`),
      { code: '23505', message: /ground_rules_type_value_key/ },
    );
    await expectRefused(
      query(handle.db, `INSERT INTO ground_rules (organisation_id, rule_type, rule_value, source) VALUES ('${orgA}', 'always', 'lint', 'agent')`),
      { code: '23514', message: /ground_rules_source_check/ },
    );
  });

  it('skills: progress and threshold not negative; threshold required', async () => {
    await query(handle.db, `INSERT INTO skills (organisation_id, skill_name, unlock_threshold) VALUES ('${orgA}', 'handoffs', 3)`);
    await expectRefused(query(handle.db, `UPDATE skills SET progress_count = -1`), { code: '23514', message: /skills_progress_count_check/ });
    await expectRefused(query(handle.db, `INSERT INTO skills (organisation_id, skill_name, unlock_threshold) VALUES ('${orgA}', 'leases', -1)`), {
      message: /skills_unlock_threshold_check/,
    });
    await expectRefused(query(handle.db, `INSERT INTO skills (organisation_id, skill_name) VALUES ('${orgA}', 'leases')`), { code: '23502' });
  });

  it('preferences: one value per key and organisation, source cli / config_file / learned', async () => {
    await query(
      handle.db,
      `INSERT INTO preferences (organisation_id, key, value, source) VALUES ('${orgA}', 'theme', 'dark', 'cli'), ('${orgB}', 'theme', 'light', 'learned')`,
    );
    await expectRefused(query(handle.db, `INSERT INTO preferences (organisation_id, key, value, source) VALUES ('${orgA}', 'theme', 'light', 'cli')`), {
      code: '23505',
    });
    await expectRefused(query(handle.db, `INSERT INTO preferences (organisation_id, key, value, source) VALUES ('${orgA}', 'editor', 'vim', 'env')`), {
      code: '23514',
      message: /preferences_source_check/,
    });
    await query(handle.db, `UPDATE preferences SET value = 'light', updated_at = '2020-01-01' WHERE organisation_id = '${orgA}' AND key = 'theme'`);
    const [row] = await query(
      handle.db,
      `SELECT updated_at > now() - interval '1 minute' AS fresh FROM preferences WHERE organisation_id = '${orgA}' AND key = 'theme'`,
    );
    expect(row).toEqual({ fresh: true });
  });
});
