/**
 * Mastodon 4.5's quotes API:
 * - GET /api/v1/statuses/:id/quotes (`read:statuses`): the accepted quotes of a post the
 *   caller may see that the caller may see too, newest first, 20 a page (at most 40);
 * - POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke (`write:statuses`, the
 *   quoted post's author only): answers with the quoting post, its quote now `revoked`;
 * - PUT /api/v1/statuses/:id/interaction_policy (`write:statuses`, the author only) with
 *   `quote_approval_policy`: answers with the post and its new `quote_approval`.
 */
import { Hono } from 'hono';
import { changeQuotePolicy, listQuotes, revokeQuote } from '../../../domain/statuses/quotes.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { readParams } from '../params.ts';
import { statusesJson, statusJson } from '../statuses-json.ts';
import { statusesPageLimits } from './favourites.ts';

export function statusesQuotesRoutes(): Hono<AppEnv> {
  const read = requireScopes('read', 'read:statuses');
  const write = requireScopes('write', 'write:statuses');
  return new Hono<AppEnv>()
    .get('/api/v1/statuses/:id/quotes', read, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, statusesPageLimits);
      const { pageIds, statuses } = await listQuotes(deps, account, c.req.param('id'), page);
      setLinkHeader(c, page, pageIds);
      return c.json(await statusesJson(deps, statuses, account));
    })
    .post(
      '/api/v1/statuses/:id/quotes/:quoting_status_id/revoke',
      write,
      requireUser(),
      async (c) => {
        const { deps } = c.var;
        const { account } = currentUser(c.var.auth);
        const quoting = await revokeQuote(
          deps,
          account,
          c.req.param('id'),
          c.req.param('quoting_status_id'),
        );
        return c.json(await statusJson(deps, quoting, account));
      },
    )
    .put('/api/v1/statuses/:id/interaction_policy', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const policy = (await readParams(c)).quote_approval_policy;
      const status = await changeQuotePolicy(
        deps,
        account,
        c.req.param('id'),
        typeof policy === 'string' ? policy : null,
      );
      return c.json(await statusJson(deps, status, account));
    });
}
