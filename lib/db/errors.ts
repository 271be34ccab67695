/** The PostgreSQL error behind a drizzle error ("Failed query: …" wraps it as its cause). */
export function pgErrorOf(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  while (current instanceof Error) {
    const candidate = current as Error & { code?: string };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, message: candidate.message };
    }
    current = candidate.cause;
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
