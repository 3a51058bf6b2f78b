/**
 * A post's versions and source: `GET /api/v1/statuses/:id/history` (StatusEdit entities,
 * oldest first) and `GET /api/v1/statuses/:id/source` (what was typed, for the edit form).
 * Both for any post the caller may see.
 */
import { Hono } from 'hono';
import { findVisibleStatus } from '../../../domain/statuses/access.ts';
import { statusHistory } from '../../../domain/statuses/history.ts';
import type { AppEnv } from '../env.ts';
import { requireScopes } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { serializeStatusEdit } from '../serializers/status-edit.ts';
import { serializeStatusSource } from '../serializers/status-source.ts';

export function statusesHistoryRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/statuses/:id/history', scopesIfToken('read', 'read:statuses'), async (c) => {
      const { deps } = c.var;
      const status = await findVisibleStatus(deps, c.var.auth?.account ?? null, c.req.param('id'));
      const versions = await statusHistory(deps, status);
      return c.json(versions.map((v) => serializeStatusEdit(v, deps.config.baseUrl)));
    })
    .get('/api/v1/statuses/:id/source', requireScopes('read', 'read:statuses'), async (c) => {
      const { deps } = c.var;
      const status = await findVisibleStatus(deps, c.var.auth?.account ?? null, c.req.param('id'));
      return c.json(serializeStatusSource(status));
    });
}
