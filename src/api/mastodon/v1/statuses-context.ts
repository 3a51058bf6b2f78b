/**
 * `GET /api/v1/statuses/:id/context`: the thread around a post the caller may see, its
 * ancestors root first and its descendants depth-first. Anonymous callers get a shorter
 * thread, as on Mastodon.
 */
import { Hono } from 'hono';
import { findVisibleStatus } from '../../../domain/statuses/access.ts';
import { statusContext } from '../../../domain/statuses/context.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { statusesJson } from '../statuses-json.ts';

export function statusesContextRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/statuses/:id/context',
    scopesIfToken('read', 'read:statuses'),
    async (c) => {
      const { deps } = c.var;
      const viewer = c.var.auth?.account ?? null;
      const status = await findVisibleStatus(deps, viewer, c.req.param('id'));
      const { ancestors, descendants } = await statusContext(deps, viewer, status);
      if (!status.local) await deps.events.emit('status.thread_opened', { statusId: status.id });
      // One batch for the whole thread; posts the viewer's `hide` filters match are left out.
      const all = await statusesJson(deps, [...ancestors, ...descendants], viewer, {
        filterContext: 'thread',
      });
      const shown = new Map(all.map((json) => [json.id, json]));
      const pick = (list: readonly { id: string }[]) =>
        list.map((s) => shown.get(s.id)).filter((json) => json !== undefined);
      return c.json({ ancestors: pick(ancestors), descendants: pick(descendants) });
    },
  );
}
