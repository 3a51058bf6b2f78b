/**
 * Content negotiation on the URLs that are both pages and ActivityPub documents: a client
 * that asks for ActivityPub JSON (as Fedify and every fediverse server do) is sent to the
 * document, a browser gets the page, and every answer says it varies by `Accept`.
 */
import type { Context } from 'hono';

const activityTypes = ['application/activity+json', 'application/ld+json'];

/** Whether the request prefers ActivityPub JSON to HTML. */
export function wantsActivityJson(c: Context): boolean {
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  if (!activityTypes.some((t) => accept.includes(t))) return false;
  const html = accept.indexOf('text/html');
  const json = Math.min(...activityTypes.map((t) => accept.indexOf(t)).filter((i) => i >= 0));
  return html < 0 || json < html;
}

/** A redirect that depends on `Accept` (browsers to the page, servers to the document). */
export function negotiatedRedirect(c: Context, location: string): Response {
  c.header('Vary', 'Accept');
  return c.redirect(location, 302);
}
