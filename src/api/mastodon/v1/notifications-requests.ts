/**
 * Notification requests: GET /api/v1/notifications/requests (paged, newest first),
 * GET …/requests/:id, POST …/requests/:id/accept and …/:id/dismiss, the same for several at
 * once (POST …/requests/accept and …/requests/dismiss with `id[]`), and
 * GET …/requests/merged, which says whether accepted requests have joined the notifications.
 */
import { Hono } from 'hono';
import { isId } from '../../../core/ids.ts';
import {
  acceptNotificationRequest,
  acceptNotificationRequests,
  dismissNotificationRequest,
  dismissNotificationRequests,
  findOwnNotificationRequest,
  notificationRequestsMerged,
  notificationRequestsPage,
} from '../../../domain/notifications/requests.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { listParam, notificationPageLimits } from '../notification-params.ts';
import { notificationRequestsJson } from '../notification-requests-json.ts';
import { readPage } from '../pagination.ts';
import { readParams } from '../params.ts';
import { keptQuery, setRailsLinks } from '../rails-links.ts';

const read = requireScopes('read', 'read:notifications');
const write = requireScopes('write', 'write:notifications');
const base = '/api/v1/notifications/requests';

export function notificationRequestsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(base, read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const page = readPage(c, notificationPageLimits);
      const requests = await notificationRequestsPage(c.var.deps, account.id, page);
      if (requests.length > 0) {
        setRailsLinks(c, base, keptQuery(c, ['limit']), {
          next: { max_id: requests[requests.length - 1]!.id },
          prev: { min_id: requests[0]!.id },
        });
      }
      return c.json(await notificationRequestsJson(c.var.deps, requests, account));
    })
    .get(`${base}/merged`, read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      return c.json({ merged: await notificationRequestsMerged(c.var.deps, account.id) });
    })
    .post(`${base}/accept`, write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const ids = listParam((await readParams(c)).id);
      await acceptNotificationRequests(c.var.deps, account.id, ids.filter(isId));
      return c.json({});
    })
    .post(`${base}/dismiss`, write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const ids = listParam((await readParams(c)).id);
      await dismissNotificationRequests(c.var.deps, account.id, ids.filter(isId));
      return c.json({});
    })
    .get(`${base}/:id{[0-9]+}`, read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const request = await findOwnNotificationRequest(c.var.deps, account.id, c.req.param('id'));
      const [json] = await notificationRequestsJson(c.var.deps, [request], account);
      return c.json(json);
    })
    .post(`${base}/:id{[0-9]+}/accept`, write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const request = await findOwnNotificationRequest(c.var.deps, account.id, c.req.param('id'));
      await acceptNotificationRequest(c.var.deps, request);
      return c.json({});
    })
    .post(`${base}/:id{[0-9]+}/dismiss`, write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const request = await findOwnNotificationRequest(c.var.deps, account.id, c.req.param('id'));
      await dismissNotificationRequest(c.var.deps, request);
      return c.json({});
    });
}
