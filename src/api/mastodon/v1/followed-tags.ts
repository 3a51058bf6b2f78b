/** GET /api/v1/followed_tags: the hashtags the signed-in account follows, newest first. */
import { Hono } from 'hono';
import { followedTagsPage } from '../../../domain/tags/followed-tags.ts';
import { tagViews } from '../../../domain/tags/tag-views.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { serializeTag } from '../serializers/tag.ts';

export function followedTagsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/followed_tags',
    requireScopes('follow', 'read', 'read:follows'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, { defaultLimit: 100, maxLimit: 200 });
      const rows = await followedTagsPage(c.var.deps, account.id, page);
      setLinkHeader(
        c,
        page,
        rows.map((r) => r.pageId),
        // Mastodon's followed tags point back with since_id, not min_id.
        { prev: 'since_id' },
      );
      const views = await tagViews(
        c.var.deps,
        rows.map((r) => r.tag),
        account.id,
      );
      return c.json(views.map((v) => serializeTag(v, c.var.deps.config.baseUrl)));
    },
  );
}
