/**
 * Filters: GET/POST /api/v2/filters, GET/PUT/DELETE /api/v2/filters/:id. Reading needs
 * `read:filters`, changing `write:filters`; another account's filter is 404. The list holds
 * expired filters too, as Mastodon's does.
 */
import { Hono } from 'hono';
import { findFiltersOf } from '../../../db/repositories/filters.ts';
import { findOwnFilter, loadFilterRules } from '../../../domain/filters/find-filter.ts';
import { changeFilter, createFilter, removeFilter } from '../../../domain/filters/save-filter.ts';
import type { AppEnv } from '../env.ts';
import { filterInput } from '../filter-params.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeFilter } from '../serializers/filter.ts';

export const readFilters = requireScopes('read', 'read:filters');
export const writeFilters = requireScopes('write', 'write:filters');

export function filtersV2Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v2/filters', readFilters, requireUser(), async (c) => {
      const { db } = c.var.deps;
      const { account } = currentUser(c.var.auth);
      const rules = await loadFilterRules(db, await findFiltersOf(db, account.id));
      return c.json(rules.map(serializeFilter));
    })
    .post('/api/v2/filters', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const input = filterInput(await readParams(c));
      return c.json(serializeFilter(await createFilter(c.var.deps, account.id, input)));
    })
    .get('/api/v2/filters/:id', readFilters, requireUser(), async (c) => {
      const { db } = c.var.deps;
      const { account } = currentUser(c.var.auth);
      const filter = await findOwnFilter(db, account.id, c.req.param('id'));
      const [rules] = await loadFilterRules(db, [filter]);
      return c.json(serializeFilter(rules!));
    })
    .put('/api/v2/filters/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const input = filterInput(await readParams(c));
      const rules = await changeFilter(c.var.deps, account.id, c.req.param('id'), input);
      return c.json(serializeFilter(rules));
    })
    .delete('/api/v2/filters/:id', writeFilters, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeFilter(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    });
}
