/**
 * The caller's scheduled posts: `GET /api/v1/scheduled_statuses` (paginated by id), `GET` one,
 * `PUT` to move its `scheduled_at`, and `DELETE` to cancel it. Someone else's is a 404.
 */
import { Hono } from 'hono';
import { cancelScheduledStatus } from '../../../domain/statuses/scheduled/cancel-scheduled.ts';
import { scheduledStatusesPage } from '../../../domain/statuses/scheduled/list-scheduled.ts';
import {
  findOwnScheduledStatus,
  rescheduleStatus,
} from '../../../domain/statuses/scheduled/reschedule.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { readParams } from '../params.ts';
import { scheduledStatusJson, scheduledStatusesJson } from '../scheduled-statuses-json.ts';

const read = requireScopes('read', 'read:statuses');
const write = requireScopes('write', 'write:statuses');

export function scheduledStatusesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/scheduled_statuses', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, { defaultLimit: 20, maxLimit: 40 });
      const records = await scheduledStatusesPage(c.var.deps, account.id, page);
      setLinkHeader(
        c,
        page,
        records.map((r) => r.id),
      );
      return c.json(await scheduledStatusesJson(c.var.deps, records));
    })
    .get('/api/v1/scheduled_statuses/:id', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const record = await findOwnScheduledStatus(c.var.deps, account.id, c.req.param('id'));
      return c.json(await scheduledStatusJson(c.var.deps, record));
    })
    .put('/api/v1/scheduled_statuses/:id', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const params = await readParams(c);
      const record = await rescheduleStatus(
        c.var.deps,
        account.id,
        c.req.param('id'),
        params.scheduled_at,
      );
      return c.json(await scheduledStatusJson(c.var.deps, record));
    })
    .delete('/api/v1/scheduled_statuses/:id', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await cancelScheduledStatus(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    });
}
