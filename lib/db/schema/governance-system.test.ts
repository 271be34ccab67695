import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

const handle = setUpTestDatabase();

describe('instance-wide rows seed 003 ships', () => {
  it('holds the five resource quotas (soft / hard / reset hours)', async () => {
    const rows = await query(
      handle.db,
      `SELECT resource_type, soft_limit, hard_limit, current_usage, reset_interval_hours FROM resource_quotas ORDER BY resource_type`,
    );
    expect(rows).toEqual([
      { resource_type: 'active_claims_per_agent', soft_limit: 10, hard_limit: 50, current_usage: 0, reset_interval_hours: null },
      { resource_type: 'concurrent_sessions', soft_limit: 5, hard_limit: 20, current_usage: 0, reset_interval_hours: null },
      { resource_type: 'db_size_mb', soft_limit: 500, hard_limit: 1000, current_usage: 0, reset_interval_hours: null },
      { resource_type: 'events_per_hour', soft_limit: 1000, hard_limit: 10000, current_usage: 0, reset_interval_hours: 1 },
      { resource_type: 'pending_outbox', soft_limit: 1000, hard_limit: 10000, current_usage: 0, reset_interval_hours: null },
    ]);
  });

  it('holds the three circuit breakers, closed, with their thresholds and timeouts', async () => {
    const rows = await query(handle.db, `SELECT name, state, failure_count, failure_threshold, recovery_timeout_seconds FROM circuit_breakers ORDER BY name`);
    expect(rows).toEqual([
      { name: 'database', state: 'closed', failure_count: 0, failure_threshold: 3, recovery_timeout_seconds: 10 },
      { name: 'federation', state: 'closed', failure_count: 0, failure_threshold: 5, recovery_timeout_seconds: 60 },
      { name: 'file_system', state: 'closed', failure_count: 0, failure_threshold: 3, recovery_timeout_seconds: 30 },
    ]);
  });

  it('holds the seven extension point handlers, enabled, by priority', async () => {
    const rows = await query<{ point_name: string; handler_id: string; priority: number; is_enabled: boolean }>(
      handle.db,
      `SELECT point_name, handler_id, priority, is_enabled FROM extension_points ORDER BY point_name, priority`,
    );
    expect(rows.map((r) => `${r.point_name}:${r.handler_id}:${r.priority}:${r.is_enabled}`)).toEqual([
      'on_error:audit_log:10:true',
      'on_quota_warning:audit_log:10:true',
      'post_claim_acquire:audit_log:90:true',
      'post_claim_acquire:federation_publish:100:true',
      'pre_claim_acquire:quota_check:10:true',
      'pre_claim_acquire:namespace_acl:20:true',
      'pre_command:health_check:10:true',
    ]);
  });
});

describe('CHECKs and keys of the instance-wide tables', () => {
  it('resource_quotas: limits and usage stay sane', async () => {
    await expectRefused(query(handle.db, `UPDATE resource_quotas SET hard_limit = 5 WHERE resource_type = 'db_size_mb'`), {
      code: '23514',
      message: /resource_quotas_hard_limit_check/,
    });
    await expectRefused(query(handle.db, `UPDATE resource_quotas SET current_usage = -1 WHERE resource_type = 'db_size_mb'`), {
      message: /resource_quotas_current_usage_check/,
    });
    await expectRefused(query(handle.db, `INSERT INTO resource_quotas (resource_type, soft_limit, hard_limit) VALUES ('db_size_mb', 1, 2)`), {
      code: '23505',
    });
  });

  it('circuit_breakers: state in closed / open / half_open; updated_at kept current', async () => {
    await expectRefused(query(handle.db, `UPDATE circuit_breakers SET state = 'ajar' WHERE name = 'database'`), {
      code: '23514',
      message: /circuit_breakers_state_check/,
    });
    await query(handle.db, `UPDATE circuit_breakers SET state = 'half_open', updated_at = '2020-01-01' WHERE name = 'database'`);
    const [row] = await query(handle.db, `SELECT state, updated_at > now() - interval '1 minute' AS fresh FROM circuit_breakers WHERE name = 'database'`);
    expect(row).toEqual({ state: 'half_open', fresh: true });
  });

  it('extension_points: handler type in builtin / plugin / hook; one row per (point, handler)', async () => {
    await expectRefused(query(handle.db, `INSERT INTO extension_points (point_name, handler_id, handler_type) VALUES ('on_error', 'pager', 'webhook')`), {
      code: '23514',
      message: /extension_points_handler_type_check/,
    });
    await expectRefused(query(handle.db, `INSERT INTO extension_points (point_name, handler_id, handler_type) VALUES ('on_error', 'audit_log', 'plugin')`), {
      code: '23505',
    });
    await query(
      handle.db,
      `INSERT INTO extension_points (point_name, handler_id, handler_type, handler_path) VALUES ('on_error', 'pager', 'plugin', 'plugins/pager')`,
    );
    const [row] = await query(handle.db, `SELECT priority, is_enabled FROM extension_points WHERE handler_id = 'pager'`);
    expect(row).toEqual({ priority: 50, is_enabled: true });
  });

  it('metrics: success by default, elapsed time not negative', async () => {
    await query(handle.db, `INSERT INTO metrics (timestamp, operation, elapsed_ms) VALUES (now(), 'claim', 1.5)`);
    const [row] = await query(handle.db, `SELECT is_success, elapsed_ms FROM metrics`);
    expect(row).toEqual({ is_success: true, elapsed_ms: 1.5 });
    await expectRefused(query(handle.db, `INSERT INTO metrics (timestamp, operation, elapsed_ms) VALUES (now(), 'claim', -1)`), {
      code: '23514',
      message: /metrics_elapsed_ms_check/,
    });
  });
});

describe('health_check_results and health_check_cleanup', () => {
  it('refuses a status outside pass / warn / fail', async () => {
    await expectRefused(query(handle.db, `INSERT INTO health_check_results (check_name, status) VALUES ('db', 'ok')`), {
      code: '23514',
      message: /health_check_results_status_check/,
    });
  });

  it('keeps a six-day-old row and deletes an eight-day-old one, even the row just inserted', async () => {
    await query(handle.db, `INSERT INTO health_check_results (check_name, status, checked_at) VALUES ('db', 'pass', now() - interval '6 days')`);
    await query(handle.db, `INSERT INTO health_check_results (check_name, status, checked_at) VALUES ('db', 'warn', now() - interval '8 days')`);
    const rows = await query(handle.db, `SELECT status FROM health_check_results ORDER BY checked_at`);
    expect(rows).toEqual([{ status: 'pass' }]);
  });

  it('removes rows that have aged past seven days when the next check is inserted', async () => {
    await query(handle.db, `UPDATE health_check_results SET checked_at = now() - interval '7 days 1 minute'`);
    await query(handle.db, `INSERT INTO health_check_results (check_name, status, duration_ms) VALUES ('disk', 'fail', 12.5)`);
    const rows = await query(handle.db, `SELECT check_name, status, duration_ms FROM health_check_results`);
    expect(rows).toEqual([{ check_name: 'disk', status: 'fail', duration_ms: 12.5 }]);
  });
});
