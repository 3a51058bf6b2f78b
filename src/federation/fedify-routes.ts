/**
 * Which paths are Fedify's, asked of the Federation's own router: the dispatchers' paths
 * (actors and the `/actor` alias, inboxes, outboxes, collections, posts, emojis, NodeInfo)
 * and the ones Fedify adds itself (WebFinger, the NodeInfo links). A request for any other
 * path (the Mastodon API, OAuth, pages, static files) is one `federation.fetch` only hands on
 * to Woolly's routes after a tracing span, a metric and a log line of its own, so once Fedify
 * is loaded it goes to them directly (on-demand.ts). Asking the router keeps the two in step
 * with no list to maintain beside the dispatchers: a new dispatcher's path is Fedify's at once.
 *
 * The router is not in Fedify's declared types: if an upgrade moves it, loading Fedify throws
 * here and the tests say so, rather than Fedify's paths silently going unanswered.
 */
import type { Federation } from '@fedify/fedify';

interface FedifyRouter {
  /** The route matching a URL's path (what Fedify's fetch asks with `url.pathname`), or null. */
  route(path: string): unknown;
}

/**
 * @example
 * const isFedifys = fedifyRouteMatcher(federation);
 * isFedifys('/users/alice/outbox'); // true
 * isFedifys('/api/v1/timelines/public'); // false
 */
export function fedifyRouteMatcher<T>(federation: Federation<T>): (pathname: string) => boolean {
  const router = (federation as unknown as { router?: Partial<FedifyRouter> }).router;
  if (typeof router?.route !== 'function') {
    throw new Error("Fedify's Federation has no router to ask for its paths (fedify-routes.ts)");
  }
  const { route } = router;
  return (pathname) => route.call(router, pathname) != null;
}
