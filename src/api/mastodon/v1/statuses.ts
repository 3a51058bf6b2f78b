/**
 * Posting and reading posts: `POST /api/v1/statuses` (a Status, or a ScheduledStatus when
 * `scheduled_at` is ahead), `GET /api/v1/statuses/:id`, `GET /api/v1/statuses?id[]=`,
 * `PUT /api/v1/statuses/:id` and `DELETE /api/v1/statuses/:id` (which answers with the post's
 * source, for redrafting). A post the caller may not see is a 404.
 */
import { Hono } from 'hono';
import { AppError } from '../../../core/errors.ts';
import { isId } from '../../../core/ids.ts';
import { findStatusesByIds } from '../../../db/repositories/statuses.ts';
import { checkAccess, findVisibleStatus } from '../../../domain/statuses/access.ts';
import { postStatus, UnexpectedMentionsError } from '../../../domain/statuses/create-status.ts';
import { deleteStatus, findOwnStatus } from '../../../domain/statuses/delete-status.ts';
import { editStatus } from '../../../domain/statuses/edit-status.ts';
import { maxStatusesPerLookup } from '../../../domain/statuses/limits.ts';
import { accountsJson } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { scheduledStatusJson } from '../scheduled-statuses-json.ts';
import { statusJson, statusesJson } from '../statuses-json.ts';
import { readNewStatus, readStatusEdit } from './status-params.ts';

const write = requireScopes('write', 'write:statuses');
const readIfToken = scopesIfToken('read', 'read:statuses');

export function statusesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/statuses', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account, user, token } = currentUser(c.var.auth);
      const input = readNewStatus(await readParams(c), {
        applicationId: token.applicationId,
        idempotencyKey: c.req.header('idempotency-key') ?? null,
      });
      try {
        const result = await postStatus(deps, { account, user }, input);
        if (result.kind === 'scheduled') {
          return c.json(await scheduledStatusJson(deps, result.scheduled));
        }
        return c.json(await statusJson(deps, result.status, account));
      } catch (error) {
        if (!(error instanceof UnexpectedMentionsError)) throw error;
        return c.json(
          { error: error.message, unexpected_accounts: await accountsJson(deps, error.accounts) },
          422,
        );
      }
    })
    .get('/api/v1/statuses', readIfToken, async (c) => {
      const { deps } = c.var;
      const viewer = c.var.auth?.account ?? null;
      const raw = (await readParams(c)).id;
      const ids = [
        ...new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String)),
      ];
      // Mastodon raises a bare ValidationError here, whose message is its class name.
      if (ids.length > maxStatusesPerLookup) throw new AppError(422, 'Mastodon::ValidationError');
      const found = await findStatusesByIds(deps.db, ids.filter(isId));
      const access = await checkAccess(deps, viewer, found);
      const visible = found
        .filter(access.listable)
        .sort((a, b) => b.id.length - a.id.length || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return c.json(await statusesJson(deps, visible, viewer));
    })
    .get('/api/v1/statuses/:id', readIfToken, async (c) => {
      const { deps } = c.var;
      const viewer = c.var.auth?.account ?? null;
      const status = await findVisibleStatus(deps, viewer, c.req.param('id'));
      return c.json(await statusJson(deps, status, viewer));
    })
    .put('/api/v1/statuses/:id', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account, user } = currentUser(c.var.auth);
      const input = readStatusEdit(await readParams(c));
      const status = await editStatus(deps, { account, user }, c.req.param('id'), input);
      return c.json(await statusJson(deps, status, account));
    })
    .delete('/api/v1/statuses/:id', write, requireUser(), async (c) => {
      const { deps } = c.var;
      const { account } = currentUser(c.var.auth);
      const status = await findOwnStatus(deps, account.id, c.req.param('id'));
      // Rendered before it goes: the client redrafts from this (text, poll, media).
      const json = await statusJson(deps, status, account, { sourceRequested: true });
      await deleteStatus(deps, account.id, status.id);
      return c.json(json);
    });
}
