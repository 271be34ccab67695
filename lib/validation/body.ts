/**
 * Reads a request's body up to `limit` bytes: null when it is larger, judged by its
 * Content-Length when it states one, else counted as it arrives, so that a client can never make
 * the server buffer more than the limit. The one body reader of the action check, the route
 * wrapper and the agent API, each with its own limit and its own refusal. Plain web APIs only:
 * the action check runs in proxy.ts.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
