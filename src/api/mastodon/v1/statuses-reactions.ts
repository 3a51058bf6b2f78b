/**
 * PUT and DELETE /api/v1/pleroma/statuses/:id/reactions/:emoji (`write:statuses`, as Pleroma
 * and Akkoma ask): the caller reacts with an emoji or takes the reaction back
 * (domain/reactions/react-to-status.ts); both answer with the status, its
 * `pleroma.emoji_reactions` current.
 *
 * GET /api/v1/pleroma/statuses/:id/reactions (and `/reactions/:emoji` for one emoji): the
 * emoji reactions to a post the caller may see (404 otherwise), as Pleroma and Akkoma answer,
 * so that clients made for them show the reactions other servers send. Each entry is
 * Mastodon's Reaction (`name`, `count`, `me`, `url`/`static_url` for a custom emoji) with
 * Pleroma's `accounts` and `account_ids`. Mastodon has no reactions to posts.
 */
import { Hono, type Context } from 'hono';
import { reactToStatus, unreactToStatus } from '../../../domain/reactions/react-to-status.ts';
import { statusReactions } from '../../../domain/reactions/status-reactions.ts';
import { findVisibleStatus } from '../../../domain/statuses/access.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { statusJson } from '../statuses-json.ts';

async function answer(c: Context<AppEnv>) {
  const { deps } = c.var;
  const viewer = c.var.auth?.account ?? null;
  const status = await findVisibleStatus(deps, viewer, c.req.param('id')!);
  const only = c.req.param('emoji');
  const reactions = (await statusReactions(deps, status.id, viewer?.id ?? null)).filter(
    (r) => only === undefined || r.name === only || `:${r.name}:` === only,
  );
  const json = [];
  for (const reaction of reactions) {
    json.push({
      name: reaction.name,
      count: reaction.accountIds.length,
      me: reaction.me,
      ...(reaction.emoji
        ? { url: reaction.emoji.imageUrl, static_url: reaction.emoji.staticUrl }
        : {}),
      accounts: await accountsJsonByIds(deps, reaction.accountIds),
      account_ids: reaction.accountIds,
    });
  }
  return c.json(json);
}

export function statusesReactionsRoutes(): Hono<AppEnv> {
  const read = scopesIfToken('read', 'read:statuses');
  const write = requireScopes('write', 'write:statuses');
  return new Hono<AppEnv>()
    .get('/api/v1/pleroma/statuses/:id/reactions', read, answer)
    .get('/api/v1/pleroma/statuses/:id/reactions/:emoji', read, answer)
    .put('/api/v1/pleroma/statuses/:id/reactions/:emoji', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await reactToStatus(deps, account, c.req.param('id'), c.req.param('emoji'));
      return c.json(await statusJson(deps, status, account));
    })
    .delete('/api/v1/pleroma/statuses/:id/reactions/:emoji', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await unreactToStatus(deps, account, c.req.param('id'), c.req.param('emoji'));
      return c.json(await statusJson(deps, status, account));
    });
}
