/**
 * Featured hashtags: GET/POST /api/v1/featured_tags, DELETE /api/v1/featured_tags/:id,
 * GET /api/v1/featured_tags/suggestions (the signed-in account's own), and
 * GET /api/v1/accounts/:id/featured_tags (anyone's, public).
 */
import { Hono } from 'hono';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import { featureTagByName, removeFeaturedTag } from '../../../domain/tags/feature-tag.ts';
import {
  featuredTagSuggestions,
  featuredTagView,
  featuredTagsOf,
} from '../../../domain/tags/featured-tags.ts';
import { tagViews } from '../../../domain/tags/tag-views.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { serializeFeaturedTag } from '../serializers/featured-tag.ts';
import { serializeTag } from '../serializers/tag.ts';

export function featuredTagsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/api/v1/featured_tags',
      requireScopes('read', 'read:accounts'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const baseUrl = c.var.deps.config.baseUrl;
        const tags = await featuredTagsOf(c.var.deps, account);
        return c.json(tags.map((t) => serializeFeaturedTag(t, baseUrl)));
      },
    )
    .post(
      '/api/v1/featured_tags',
      requireScopes('write', 'write:accounts'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const name = (await readParams(c)).name;
        const featured = await featureTagByName(
          c.var.deps,
          account,
          typeof name === 'string' ? name : '',
        );
        const view = await featuredTagView(c.var.deps, account, featured);
        return c.json(serializeFeaturedTag(view, c.var.deps.config.baseUrl));
      },
    )
    .get(
      '/api/v1/featured_tags/suggestions',
      requireScopes('read', 'read:accounts'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const tags = await featuredTagSuggestions(c.var.deps, account);
        const views = await tagViews(c.var.deps, tags, account.id);
        return c.json(views.map((v) => serializeTag(v, c.var.deps.config.baseUrl)));
      },
    )
    .delete(
      '/api/v1/featured_tags/:id',
      requireScopes('write', 'write:accounts'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        await removeFeaturedTag(c.var.deps, account, c.req.param('id'));
        return c.json({});
      },
    )
    .get(
      '/api/v1/accounts/:id/featured_tags',
      scopesIfToken('read', 'read:accounts'),
      async (c) => {
        const account = (await findVisibleAccount(c.var.deps, c.req.param('id'))).account;
        const tags = account.suspendedAt !== null ? [] : await featuredTagsOf(c.var.deps, account);
        return c.json(tags.map((t) => serializeFeaturedTag(t, c.var.deps.config.baseUrl)));
      },
    );
}
