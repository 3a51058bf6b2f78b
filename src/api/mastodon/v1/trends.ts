/**
 * GET /api/v1/trends/tags (and its older name /api/v1/trends), /api/v1/trends/statuses and
 * /api/v1/trends/links: what the `trends.refresh` job ranked, paged with `offset` and
 * `limit` and Mastodon's `Link` header. Anyone may read them.
 */
import { Hono } from 'hono';
import { trendingLinks, trendingStatuses, trendingTags } from '../../../domain/trends/read.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readOffsetPage, setOffsetLinkHeader } from '../offset-pagination.ts';
import { serializeTag } from '../serializers/tag.ts';
import { serializeTrendsLink } from '../serializers/trends-link.ts';
import { statusesJson } from '../statuses-json.ts';

// Mastodon's DEFAULT_*_LIMIT, and twice that at most.
const tagLimits = { defaultLimit: 10, maxLimit: 20 };
const statusLimits = { defaultLimit: 20, maxLimit: 40 };
const linkLimits = { defaultLimit: 10, maxLimit: 20 };

export function trendsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of ['/api/v1/trends', '/api/v1/trends/tags']) {
    app.get(path, scopesIfToken('read', 'read:statuses'), async (c) => {
      const deps = c.var.deps;
      const page = readOffsetPage(c, tagLimits);
      const tags = await trendingTags(deps, c.var.auth?.account?.id ?? null, page);
      setOffsetLinkHeader(c, page, tags.length);
      return c.json(tags.map((v) => serializeTag(v, deps.config.baseUrl)));
    });
  }
  app.get('/api/v1/trends/statuses', scopesIfToken('read', 'read:statuses'), async (c) => {
    const deps = c.var.deps;
    const viewer = c.var.auth?.account ?? null;
    const page = readOffsetPage(c, statusLimits);
    const statuses = await trendingStatuses(deps, viewer, page);
    setOffsetLinkHeader(c, page, statuses.length);
    return c.json(await statusesJson(deps, statuses, viewer, { filterContext: 'public' }));
  });
  app.get('/api/v1/trends/links', scopesIfToken('read', 'read:statuses'), async (c) => {
    const page = readOffsetPage(c, linkLimits);
    const links = await trendingLinks(c.var.deps, page);
    setOffsetLinkHeader(c, page, links.length);
    return c.json(links.map(serializeTrendsLink));
  });
  return app;
}
