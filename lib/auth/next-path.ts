/**
 * Where to go after signing in: a path of this site only (a deep link, an invitation), else the
 * overview. Refused: anything not starting with one '/', '//' or '/\' (another host), control
 * characters (browsers drop tabs and newlines, so '/\t/evil.example' would become '//evil…'),
 * backslashes, and over-long values.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || value.length > 2000) return '/';
  if (!/^\/(?![/\\])/.test(value) || /[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  if (value === '/sign-in' || value.startsWith('/sign-in?') || value.startsWith('/api/')) return '/';
  return value;
}

/** The header the proxy sets on page requests: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = 'x-gantry-path';
