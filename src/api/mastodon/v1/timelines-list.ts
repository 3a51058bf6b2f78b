/** GET /api/v1/timelines/list/:list_id: the owner's list feed (`read:lists`); another's list is 404. */
import { Hono } from 'hono';
import { listTimeline } from '../../../domain/lists/list-timeline.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { statusesJson } from '../statuses-json.ts';
import { timelinePageLimits } from './timelines.ts';

export function timelinesListRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/timelines/list/:id',
    requireScopes('read', 'read:lists'),
    requireUser(),
    async (c) => {
      const deps = c.var.deps;
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, timelinePageLimits);
      const statuses = await listTimeline(deps, account, c.req.param('id'), page);
      setLinkHeader(
        c,
        page,
        statuses.map((s) => s.id),
      );
      return c.json(await statusesJson(deps, statuses, account, { filterContext: 'home' }));
    },
  );
}
