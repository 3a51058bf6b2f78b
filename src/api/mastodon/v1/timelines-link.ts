/**
 * GET /api/v1/timelines/link?url=: public posts sharing a trending link, newest first with
 * Mastodon's `Link` header (`local` for this server's alone); 404 for a link that is not
 * trending. Anyone may read it (a token, if sent, needs `read:statuses`).
 */
import { Hono } from 'hono';
import { AppError } from '../../../core/errors.ts';
import { linkTimeline } from '../../../domain/preview-cards/link-timeline.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { statusesJson } from '../statuses-json.ts';
import { timelinePageLimits } from './timelines.ts';

export function timelinesLinkRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/timelines/link',
    scopesIfToken('read', 'read:statuses'),
    async (c) => {
      const deps = c.var.deps;
      const viewer = c.var.auth?.account ?? null;
      const url = c.req.query('url');
      if (!url) throw new AppError(400, 'Missing required parameter: url');
      const page = readPage(c, timelinePageLimits);
      const statuses = await linkTimeline(
        deps,
        viewer,
        url,
        {
          local: booleanParam(c.req.query('local')) ?? false,
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
    },
  );
}
