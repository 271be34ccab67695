import { sql, type SQL } from 'drizzle-orm';

/**
 * SQL fragments for set-based generation: deterministic pseudo-random numbers from a row
 * number (hashint8extended, PostgreSQL 11+ and PGlite), padded ids and picks from constant
 * word lists. Only numbers and constants of this module's callers are inlined; the
 * organisation and the day come in as parameters.
 */

/** An integer inlined into the statement (generated sizes, never user input). */
export function int(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new TypeError(`Not an integer: ${n}`);
  return sql.raw(String(n));
}

/** A constant string as a SQL literal. */
export function literal(text: string): SQL {
  return sql.raw(`'${text.replaceAll("'", "''")}'`);
}

/** A number in [0, 1) that depends only on the integer expression and the salt. */
export function unit(expr: SQL, salt: number): SQL {
  return sql`((hashint8extended((${expr})::bigint, ${int(salt)}) & 1048575) / 1048576.0)`;
}

/** An integer in [0, k) that depends only on the integer expression and the salt. */
export function below(expr: SQL, salt: number, k: number | SQL): SQL {
  const bound = typeof k === 'number' ? int(k) : k;
  return sql`((hashint8extended((${expr})::bigint, ${int(salt)}) & 2147483647) % (${bound}))::int`;
}

/** One of the values, chosen by the expression and the salt. */
export function choose(values: readonly string[], expr: SQL, salt: number): SQL {
  return sql`(ARRAY[${sql.join(values.map(literal), sql`, `)}]::text[])[1 + ${below(expr, salt, values.length)}]`;
}

/** prefix || the number zero-padded to width: ('L-RI-', n, 6) gives L-RI-000042. */
export function padded(prefix: string, expr: SQL, width: number): SQL {
  // lpad cuts longer strings: widen to the number's own length when it needs more digits.
  return sql`(${literal(prefix)} || lpad((${expr})::text, greatest(${int(width)}, length((${expr})::text)), '0'))`;
}

/** A uuid that depends only on the organisation and the key (the same on every run). */
export function stableUuidSql(org: SQL, key: SQL): SQL {
  return sql`md5((${org})::text || ':' || (${key}))::uuid`;
}

/** An interval of the given (fractional) number of days. */
export function days(expr: SQL | number): SQL {
  return sql`make_interval(secs => ((${typeof expr === 'number' ? int(expr) : expr}) * 86400)::double precision)`;
}

/**
 * A value chosen by weight: `weights` are percentages that add up to 100, `percent` an integer
 * expression in [0, 100) (compute it once, in a subquery, and pass its column).
 */
export function weighted(values: readonly string[], weights: readonly number[], percent: SQL): SQL {
  let bound = 0;
  const cases = values.slice(0, -1).map((value, i) => {
    bound += weights[i]!;
    return sql`WHEN ${percent} < ${int(bound)} THEN ${literal(value)}`;
  });
  return sql`CASE ${sql.join(cases, sql` `)} ELSE ${literal(values.at(-1)!)} END`;
}
