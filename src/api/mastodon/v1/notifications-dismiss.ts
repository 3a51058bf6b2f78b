/**
 * POST /api/v1/notifications/:id/dismiss: removes one notification; POST
 * /api/v1/notifications/clear: removes them all. Both answer `{}`.
 */
import { Hono } from 'hono';
import {
  clearAllNotifications,
  dismissNotification,
} from '../../../domain/notifications/dismiss.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';

const write = requireScopes('write', 'write:notifications');

export function notificationsDismissRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/notifications/clear', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await clearAllNotifications(c.var.deps, account.id);
      return c.json({});
    })
    .post('/api/v1/notifications/:id{[0-9]+}/dismiss', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await dismissNotification(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    });
}
