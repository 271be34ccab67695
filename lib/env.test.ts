import { describe, expect, it } from 'vitest';

import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('runs on the embedded database with no variables set', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ GANTRY_DATA_DIR: '.data', PORT: 3000 });
  });

  it('accepts a PostgreSQL URL and coerces numbers', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://gantry@db.internal:5433/gantry', PORT: '8080', DB_POOL_MAX: '4' });
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://gantry@db.internal:5433/gantry', PORT: 8080, DB_POOL_MAX: 4 });
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([['mysql://root@localhost/gantry'], ['not a url'], ['postgres://']])('refuses DATABASE_URL=%s, naming the variable', (url) => {
    expect(() => parseEnv({ DATABASE_URL: url })).toThrowError(EnvError);
    expect(() => parseEnv({ DATABASE_URL: url })).toThrowError(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('lists every wrong variable at once', () => {
    try {
      parseEnv({ PORT: '70000', DB_POOL_MAX: 'many' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DB_POOL_MAX']);
    }
  });
});

describe('parseEnv: sign-in settings', () => {
  it('takes the public address without a trailing slash, and refuses other schemes or short secrets', () => {
    expect(parseEnv({ GANTRY_URL: 'https://gantry.example.com/' }).GANTRY_URL).toBe('https://gantry.example.com');
    expect(() => parseEnv({ GANTRY_URL: 'ftp://gantry.example.com' })).toThrowError(/GANTRY_URL: must be an http/);
    expect(() => parseEnv({ GANTRY_AUTH_SECRET: 'short' })).toThrowError(/GANTRY_AUTH_SECRET: must be at least 32 characters/);
  });
});

describe('parseEnv: GANTRY_TRUST_PROXY', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['false', 0],
    ['true', 1],
    ['TRUE', 1],
    ['2', 2],
  ])('reads %s as %d proxies', (value, proxies) => {
    expect(parseEnv({ GANTRY_TRUST_PROXY: value }).GANTRY_TRUST_PROXY).toBe(proxies);
  });

  it.each([['yes'], ['-1'], ['1.5'], ['11']])('refuses %s, naming the variable', (value) => {
    expect(() => parseEnv({ GANTRY_TRUST_PROXY: value })).toThrowError(/GANTRY_TRUST_PROXY: (must be false, true or the number|at most 10)/);
  });
});

describe('parseEnv: the demo’s simulated builders', () => {
  it('runs them unless GANTRY_DEMO_AGENTS turns them off, and refuses other values', () => {
    expect(parseEnv({}).GANTRY_DEMO_AGENTS).toBe(true);
    expect(parseEnv({ GANTRY_DEMO_AGENTS: '' }).GANTRY_DEMO_AGENTS).toBe(true);
    expect(parseEnv({ GANTRY_DEMO_AGENTS: '1' }).GANTRY_DEMO_AGENTS).toBe(true);
    expect(parseEnv({ GANTRY_DEMO_AGENTS: '0' }).GANTRY_DEMO_AGENTS).toBe(false);
    expect(parseEnv({ GANTRY_DEMO_AGENTS: 'False' }).GANTRY_DEMO_AGENTS).toBe(false);
    expect(() => parseEnv({ GANTRY_DEMO_AGENTS: 'maybe' })).toThrowError(/GANTRY_DEMO_AGENTS: must be 1/);
  });
});
