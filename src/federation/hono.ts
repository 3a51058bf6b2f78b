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
  return async (c, next) => {
    return federation.fetch(c.req.raw, {
      contextData: contextData(c),
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
  };
}
