/**
 * The body of an inbox POST, read once with a size limit and shared by everything in front of
 * Fedify that needs it (the suspended-domain gate, the intake): reading it a second time would
 * mean cloning the request, which copies its headers and tees its stream.
 *
 * A body with a declared length within the limit is read whole in one go: @hono/node-server
 * then collects the socket's chunks itself, without building a web `Request` and stream for
 * it, and Node's HTTP parser never hands over more than the declared length. Without a
 * declared length (chunked), the stream is read and cut at the limit.
 *
 * Kept free of Fedify, so the gate can use it before Fedify is loaded.
 *
 * @example const body = await inboxBody(c.req.raw); if (!body) return tooLarge();
 */

/** The largest inbox body read; a larger one is answered 413 (Mastodon's peers send KiBs). */
export const inboxBodyLimit = 1024 * 1024;

const bodies = new WeakMap<Request, Promise<Uint8Array | null>>();

/** The body of `request` (read once however often asked), or null past `inboxBodyLimit`. */
export function inboxBody(request: Request): Promise<Uint8Array | null> {
  let body = bodies.get(request);
  if (!body) {
    body = readLimited(request, inboxBodyLimit);
    bodies.set(request, body);
  }
  return body;
}

/** The body, or null past `limit` bytes (declared or read). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  const headers = request.headers;
  const declared = headers.get('content-length');
  if (declared !== null && !headers.has('transfer-encoding')) {
    const length = Number(declared);
    if (length > limit) return null;
    if (Number.isSafeInteger(length) && length >= 0) {
      const body = new Uint8Array(await request.arrayBuffer());
      // In-process requests (tests) are not held to their declared length by a parser.
      return body.byteLength > limit ? null : body;
    }
  }
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
