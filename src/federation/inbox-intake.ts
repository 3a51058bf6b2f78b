/**
 * The door of the inboxes: every POST to an inbox is read here first, with a size limit, and
 * the common case on the shared inbox (an activity signed with an HTTP signature by its own
 * actor, without Linked Data signatures or proofs) is accepted here and queued for Fedify's
 * inbox listeners as Fedify itself queues it. Everything else (personal inboxes, LD-signed or
 * relayed activities, object integrity proofs, bad or missing signatures, a signer that is not
 * the actor) goes on to Fedify's full inbox handler, which answers as it always does.
 *
 * Why: Fedify's handler reads an activity as JSON-LD twice before it is queued (once to look
 * for integrity proofs, once after the signature) and reads the signer's key from its cache as
 * JSON-LD each time; the worker reads the activity again. Accepting here costs one JSON parse
 * and one signature check with a key kept in memory (key-cache.ts), using Fedify's own
 * `verifyRequestDetailed`; the queued message is the one Fedify's queue listener expects, so
 * the listeners, retries and idempotence are Fedify's. bench/inbox-stages.ts measures it.
 *
 * The message shape is Fedify 2.3's (`type: "inbox"`); Fedify is pinned, and the federation
 * tests run every inbound activity through here, so an upgrade that changes it fails them.
 *
 * @example const taken = await intake.take(c.req.raw); if (taken instanceof Response) return taken;
 */
import { verifyRequestDetailed, type Federation, type MessageQueue } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { Deps } from '../domain/context.ts';
import { instanceActorIdentifier } from './dispatchers/instance-actor.ts';
import { pathnameOf } from './hono.ts';
import { inboxBody, inboxBodyLimit } from './inbox/body.ts';
import type { MemoryKeyCache } from './key-cache.ts';
import { repairReceivedJsonLd } from './received-json-ld.ts';

export interface InboxIntake {
  /**
   * Answers an inbox POST (accepted and queued, or refused for its size), or gives back the
   * request, its body read into memory, for Fedify's inbox handler.
   */
  take(request: Request): Promise<Response | Request>;
}

export function inboxIntake(
  deps: Deps,
  federation: Federation<Deps>,
  queue: MessageQueue,
  keyCache: MemoryKeyCache,
): InboxIntake {
  const origin = new URL(deps.config.baseUrl).origin;
  const context = federation.createContext(new URL(deps.config.baseUrl), deps);
  // Keys are fetched as the instance actor, so servers in secure mode answer.
  let documentLoader: Promise<DocumentLoader> | null = null;
  const loader = () =>
    (documentLoader ??= Promise.resolve(
      context.getDocumentLoader({ identifier: instanceActorIdentifier }),
    ).catch((error: unknown) => {
      documentLoader = null;
      throw error;
    }));

  async function accept(request: Request, body: Uint8Array): Promise<Response | null> {
    const path = pathnameOf(request.url);
    if (path !== '/inbox' && path !== '/inbox/') return null;
    const json = parseActivity(body);
    if (!json) return null;
    const verification = await verifyRequestDetailed(signedRequest(request, body), {
      documentLoader: await loader(),
      contextLoader: context.contextLoader,
      keyCache,
    });
    if (!verification.verified) return null;
    // The signer must be the actor; anything less plain is Fedify's to judge.
    if (verification.key.ownerId?.href !== json.actor) return null;
    await queue.enqueue({
      type: 'inbox',
      id: crypto.randomUUID(),
      baseUrl: origin,
      activity: json.document,
      identifier: null,
      attempt: 0,
      started: new Date().toISOString(),
      traceContext: {},
    });
    return new Response('Activity is enqueued.', {
      status: 202,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }

  return {
    async take(request) {
      const body = await inboxBody(request);
      if (!body) {
        deps.log.info('inbox: refused a body over the limit', { limit: inboxBodyLimit });
        return new Response('Payload Too Large', {
          status: 413,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
      }
      return (await accept(request, body)) ?? copy(request, body);
    },
  };
}

/**
 * What Fedify's `verifyRequestDetailed` reads of `request` (method, URL, headers, and its body,
 * through a clone, for the digest), with `body` as the body, without building a `Request`:
 * copying the headers into a new one, wrapping the body in a stream and then cloning it, as
 * Fedify does before reading, cost about 0.1 ms per activity on the thread that accepts them.
 * Fedify is pinned (package.json), and every test that posts to the shared inbox goes through
 * this: a version that reads anything else of the request fails them.
 */
function signedRequest(request: Request, body: Uint8Array): Request {
  const view = {
    method: request.method,
    url: request.url,
    headers: request.headers,
    bodyUsed: false,
    body: null,
    clone: () => view,
    arrayBuffer: async () => body.slice().buffer,
  };
  return view as unknown as Request;
}

/** `request` with `body` as its (unread) body. */
function copy(request: Request, body: Uint8Array): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body as Uint8Array<ArrayBuffer>,
  });
}

const activityStreams = [
  'https://www.w3.org/ns/activitystreams',
  'http://www.w3.org/ns/activitystreams',
];

/** Whether `context` names the ActivityStreams context, without which a type means nothing. */
function namesActivityStreams(context: unknown): boolean {
  const entries: unknown[] = Array.isArray(context) ? context : [context];
  return entries.some((entry) => typeof entry === 'string' && activityStreams.includes(entry));
}

/**
 * The activity when it is one the intake takes: a JSON object with an id, a type and an
 * actor named by URL, and no Linked Data signature or integrity proof (which Fedify checks).
 */
function parseActivity(body: Uint8Array): { document: object; actor: string } | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString());
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  // What Fedify's JSON-LD reading would lose or refuse (BookWyrm's, Funkwhale's) is repaired.
  const activity = repairReceivedJsonLd(json as Record<string, unknown>);
  if ('signature' in activity || 'proof' in activity) return null;
  if (typeof activity.id !== 'string' || typeof activity.type !== 'string') return null;
  if (!namesActivityStreams(activity['@context'])) return null;
  const actor = activity.actor;
  const actorId =
    typeof actor === 'string'
      ? actor
      : typeof actor === 'object' && actor !== null && 'id' in actor
        ? (actor as { id: unknown }).id
        : null;
  const actorUrl = typeof actorId === 'string' ? URL.parse(actorId) : null;
  return actorUrl ? { document: activity, actor: actorUrl.href } : null;
}
