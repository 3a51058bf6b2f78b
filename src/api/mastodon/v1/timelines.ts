/**
 * GET /api/v1/timelines/home (the signed-in account's precomputed feed) and
 * /api/v1/timelines/public (`local`, `remote`, `only_media`), newest first with Mastodon's
 * `Link` header. Home needs `read:statuses` and a user; public answers anyone (a token, if
 * sent, needs `read:statuses`).
 */
import { Hono } from 'hono';
import { homeTimeline } from '../../../domain/timelines/home-timeline.ts';
import { publicTimeline } from '../../../domain/timelines/public-timeline.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { statusesJson } from '../statuses-json.ts';

export const timelinePageLimits = { defaultLimit: 20, maxLimit: 40 };

export function timelinesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/api/v1/timelines/home',
      requireScopes('read', 'read:statuses'),
      requireUser(),
      async (c) => {
        const deps = c.var.deps;
        const { account } = currentUser(c.var.auth);
        const page = readPage(c, timelinePageLimits);
        const statuses = await homeTimeline(deps, account, page);
        setLinkHeader(
          c,
          page,
          statuses.map((s) => s.id),
        );
        return c.json(await statusesJson(deps, statuses, account, { filterContext: 'home' }));
      },
    )
    .get('/api/v1/timelines/public', scopesIfToken('read', 'read:statuses'), async (c) => {
      const deps = c.var.deps;
      const viewer = c.var.auth?.account ?? null;
      const page = readPage(c, timelinePageLimits);
      const statuses = await publicTimeline(
        deps,
        viewer,
        {
          local: booleanParam(c.req.query('local')),
          remote: booleanParam(c.req.query('remote')),
          onlyMedia: booleanParam(c.req.query('only_media')),
          languages: c.var.auth?.user?.chosenLanguages ?? null,
        },
        page,
      );
      setLinkHeader(
        c,
        page,
        statuses.map((s) => s.id),
      );
      return c.json(await statusesJson(deps, statuses, viewer, { filterContext: 'public' }));
    });
}
