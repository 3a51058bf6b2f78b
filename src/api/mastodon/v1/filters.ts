/**
 * v1 filters for older clients: GET/POST /api/v1/filters, GET/PUT/DELETE /api/v1/filters/:id,
 * where each v1 filter is one keyword of a v2 filter (see domain/filters/v1-filters.ts).
 */
import { Hono } from 'hono';
import { findOwnKeyword } from '../../../domain/filters/filter-keywords.ts';
import {
  changeV1Filter,
  createV1Filter,
  listV1Filters,
  removeV1Filter,
} from '../../../domain/filters/v1-filters.ts';
import type { AppEnv } from '../env.ts';
import { v1FilterInput } from '../filter-params.ts';
import { currentUser, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeV1Filter } from '../serializers/v1-filter.ts';
import { readFilters, writeFilters } from '../v2/filters.ts';

export function filtersV1Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/filters', readFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      return c.json((await listV1Filters(c.var.deps, account.id)).map(serializeV1Filter));
    })
    .post('/api/v1/filters', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const input = v1FilterInput(await readParams(c));
      return c.json(serializeV1Filter(await createV1Filter(c.var.deps, account.id, input)));
    })
    .get('/api/v1/filters/:id', readFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      return c.json(
        serializeV1Filter(await findOwnKeyword(c.var.deps, account.id, c.req.param('id'))),
      );
    })
    .put('/api/v1/filters/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const input = v1FilterInput(await readParams(c));
      const filter = await changeV1Filter(c.var.deps, account.id, c.req.param('id'), input);
      return c.json(serializeV1Filter(filter));
    })
    .delete('/api/v1/filters/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeV1Filter(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    });
}
