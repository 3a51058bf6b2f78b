/**
 * Fedify in front of Hono's routes: a request Fedify serves (actors, inboxes, collections,
 * WebFinger, NodeInfo, once their dispatchers exist) is answered by Fedify; anything else,
 * and a federation URL asked for as HTML, goes on to Woolly's own routes. The same contract
 * as @fedify/hono, which Woolly does not depend on.
 */
import type { Federation } from '@fedify/fedify';
import type { Context, Env, MiddlewareHandler } from 'hono';

/**
 * @example app.use(federationMiddleware(federation, (c) => c.var.deps));
 */
export function federationMiddleware<E extends Env, TContextData>(
  federation: Federation<TContextData>,
  contextData: (c: Context<E>) => TContextData,
): MiddlewareHandler<E> {
  return (c, next) => serveWithFedify(federation, contextData(c), c, next, c.req.raw);
}

/** Has Fedify answer `request` (`c.req.raw`, or a copy of it whose body is still unread). */
export function serveWithFedify<E extends Env, TContextData>(
  federation: Federation<TContextData>,
  contextData: TContextData,
  c: Context<E>,
  next: () => Promise<void>,
  request: Request,
): Promise<Response> {
  return federation.fetch(request, {
    contextData,
    onNotFound: async () => {
      await next();
      return c.res;
    },
    // A browser asking for an actor's URL gets the HTML page when one exists, else 406.
    onNotAcceptable: async () => {
      await next();
      if (c.res.status !== 404) return c.res;
      return new Response('Not Acceptable', {
        status: 406,
        headers: { 'Content-Type': 'text/plain', Vary: 'Accept' },
      });
    },
  });
}

/**
 * The path of a request's URL (`request.url`, absolute and already normalised by the URL
 * parser that made it), as `new URL(url).pathname` says it, without parsing it again: every
 * request passes here.
 */
export function pathnameOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  let end = url.indexOf('?', start);
  if (end < 0) end = url.length;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  return url.slice(start, end);
}

const inboxPath = /^\/(?:users\/[^/]+\/)?inbox\/?$/;

/** Whether `request` is a POST to an inbox (the shared one or an account's). */
export function isInboxPost(request: Request): boolean {
  return request.method === 'POST' && inboxPath.test(pathnameOf(request.url));
}

/** The media types with which a request asks Fedify, not Woolly's pages, to answer. */
const activityTypes = ['application/activity+json', 'application/ld+json', 'application/json'];

/** Woolly's own APIs, which Fedify never serves (their JSON is not ActivityPub). */
const ownPrefixes = ['/api/', '/oauth/', '/health'];

/**
 * Whether Fedify may answer this request, judged without loading it: WebFinger and NodeInfo,
 * posts to an inbox or of ActivityPub JSON, and requests that ask for JSON-LD first (Fedify's
 * own rule). A GET answered 404 by Woolly is handed to Fedify afterwards all the same (see
 * on-demand.ts), so a miss here costs a load, never a wrong answer.
 */
export function mayBeForFedify(request: Request): boolean {
  const pathname = pathnameOf(request.url);
  if (!mayBeFedifyPath(pathname)) return false;
  if (pathname.startsWith('/.well-known/')) {
    return pathname === '/.well-known/webfinger' || pathname === '/.well-known/nodeinfo';
  }
  if (pathname.startsWith('/nodeinfo/')) return true;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const type = request.headers.get('content-type') ?? '';
    return pathname.endsWith('/inbox') || activityTypes.some((t) => type.includes(t));
  }
  const accept = request.headers.get('accept');
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  if (types[0] === 'text/html' || types[0] === 'application/xhtml+xml') return false;
  return types.some((t) => activityTypes.includes(t));
}

/** False for the paths of Woolly's own APIs, which Fedify never serves. */
export function mayBeFedifyPath(pathname: string): boolean {
  return !ownPrefixes.some((prefix) => pathname.startsWith(prefix));
}
