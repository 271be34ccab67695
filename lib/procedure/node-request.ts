import http from 'node:http';

// A request body read by a node:http front before Next.js (the heartbeat fast path,
// lib/agent-api/fast-path.ts; the board's move, lib/board/move-fast-path.ts), and the request
// again with that body, for Next.js when the front does not answer it itself.

/** The whole body (the caller has checked its stated length). */
export function bodyOf(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that went away before its body ended: nothing to answer (a no-op after 'end').
    req.on('close', () => reject(new Error('The client closed the request before its body ended.')));
  });
}

/** The request again, with the body already read, for Next.js. */
export function replayOf(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  const copy = new http.IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.push(body);
  copy.push(null);
  // Whole, as the parser would have marked it: otherwise the copy, destroyed once read to its end,
  // counts as aborted and destroys the socket before an answer written later (Next's) can be sent.
  copy.complete = true;
  return copy;
}
