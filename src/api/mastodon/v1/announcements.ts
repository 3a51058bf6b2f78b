/**
 * GET /api/v1/announcements (`read`): the published announcements, each with whether the
 * user dismissed it (`read`) and the reactions; POST /api/v1/announcements/:id/dismiss and
 * PUT/DELETE /api/v1/announcements/:id/reactions/:name (`write:accounts`). Users only.
 */
import { Hono } from 'hono';
import {
  addAnnouncementReaction,
  removeAnnouncementReaction,
} from '../../../domain/announcements/reactions.ts';
import { dismissAnnouncement, readAnnouncements } from '../../../domain/announcements/read.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { serializeAnnouncement } from '../serializers/announcement.ts';

export function announcementsRoutes(): Hono<AppEnv> {
  const write = requireScopes('write', 'write:accounts');
  return new Hono<AppEnv>()
    .get('/api/v1/announcements', requireScopes('read'), requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const views = await readAnnouncements(c.var.deps, account.id);
      return c.json(views.map((v) => serializeAnnouncement(v, c.var.deps.config.baseUrl)));
    })
    .post('/api/v1/announcements/:id/dismiss', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await dismissAnnouncement(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    })
    .put('/api/v1/announcements/:id/reactions/:name', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await addAnnouncementReaction(c.var.deps, account.id, c.req.param('id'), c.req.param('name'));
      return c.json({});
    })
    .delete('/api/v1/announcements/:id/reactions/:name', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeAnnouncementReaction(
        c.var.deps,
        account.id,
        c.req.param('id'),
        c.req.param('name'),
      );
      return c.json({});
    });
}
