/**
 * A filter's keywords: GET/POST /api/v2/filters/:filter_id/keywords and
 * GET/PUT/DELETE /api/v2/filters/keywords/:id. Mounted before the filters router, so that
 * `/api/v2/filters/keywords/:id` is not taken for a filter id.
 */
import { Hono } from 'hono';
import { findKeywordsOf } from '../../../db/repositories/filters.ts';
import {
  addKeyword,
  changeKeyword,
  findOwnKeyword,
  removeKeyword,
} from '../../../domain/filters/filter-keywords.ts';
import { findOwnFilter } from '../../../domain/filters/find-filter.ts';
import type { AppEnv } from '../env.ts';
import { keywordInput } from '../filter-params.ts';
import { currentUser, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeFilterKeyword } from '../serializers/filter-keyword.ts';
import { readFilters, writeFilters } from './filters.ts';

export function filterKeywordsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v2/filters/keywords/:id', readFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const { keyword } = await findOwnKeyword(c.var.deps, account.id, c.req.param('id'));
      return c.json(serializeFilterKeyword(keyword));
    })
    .put('/api/v2/filters/keywords/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const input = keywordInput(await readParams(c));
      const keyword = await changeKeyword(c.var.deps, account.id, c.req.param('id'), input);
      return c.json(serializeFilterKeyword(keyword));
    })
    .delete('/api/v2/filters/keywords/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeKeyword(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    })
    .get('/api/v2/filters/:filter_id/keywords', readFilters, requireUser(), async (c) => {
      const { db } = c.var.deps;
      const { account } = currentUser(c.var.auth);
      const filter = await findOwnFilter(db, account.id, c.req.param('filter_id'));
      return c.json((await findKeywordsOf(db, [filter.id])).map(serializeFilterKeyword));
    })
    .post('/api/v2/filters/:filter_id/keywords', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const input = keywordInput(await readParams(c));
      const keyword = await addKeyword(c.var.deps, account.id, c.req.param('filter_id'), input);
      return c.json(serializeFilterKeyword(keyword));
    });
}
