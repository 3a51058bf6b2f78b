/**
 * The posts a filter holds: GET/POST /api/v2/filters/:filter_id/statuses and
 * GET/DELETE /api/v2/filters/statuses/:id. Mounted before the filters router, so that
 * `/api/v2/filters/statuses/:id` is not taken for a filter id.
 */
import { Hono } from 'hono';
import { findFilterStatusesOf } from '../../../db/repositories/filters.ts';
import {
  addFilterStatus,
  findOwnFilterStatus,
  removeFilterStatus,
} from '../../../domain/filters/filter-statuses.ts';
import { findOwnFilter } from '../../../domain/filters/find-filter.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeFilterStatus } from '../serializers/filter-status.ts';
import { readFilters, writeFilters } from './filters.ts';

export function filterStatusesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v2/filters/statuses/:id', readFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const row = await findOwnFilterStatus(c.var.deps, account.id, c.req.param('id'));
      return c.json(serializeFilterStatus(row));
    })
    .delete('/api/v2/filters/statuses/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeFilterStatus(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    })
    .get('/api/v2/filters/:filter_id/statuses', readFilters, requireUser(), async (c) => {
      const { db } = c.var.deps;
      const { account } = currentUser(c.var.auth);
      const filter = await findOwnFilter(db, account.id, c.req.param('filter_id'));
      return c.json((await findFilterStatusesOf(db, [filter.id])).map(serializeFilterStatus));
    })
    .post('/api/v2/filters/:filter_id/statuses', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const params = await readParams(c);
      const statusId = params.status_id === undefined ? '' : String(params.status_id);
      const row = await addFilterStatus(c.var.deps, account, c.req.param('filter_id'), statusId);
      return c.json(serializeFilterStatus(row));
    });
}
