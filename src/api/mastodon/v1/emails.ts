/**
 * Mastodon's e-mail confirmation endpoints for apps that sign users up:
 * `POST /api/v1/emails/confirmations` sends the confirmation mail again (optionally to a
 * corrected address), `GET /api/v1/emails/check_confirmation` tells whether it was confirmed.
 * Both work for users who have not confirmed yet, which is the point of them, so they check
 * the token and its user but not `requireUser()`.
 */
import { Hono } from 'hono';
import { AppError } from '../../../core/errors.ts';
import {
  awaitingConfirmation,
  nothingToConfirm,
  requestConfirmation,
} from '../../../domain/accounts/confirmation.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes } from '../middleware/auth.ts';
import { readParams } from '../params.ts';

export function emailRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/emails/confirmations', requireScopes('write', 'write:accounts'), async (c) => {
      const { user } = currentUser(c.var.auth);
      // Changing the address of a confirmed account is for the settings, not for this endpoint.
      if (!awaitingConfirmation(user)) {
        throw new AppError(403, nothingToConfirm);
      }
      const params = await readParams(c);
      if (params.email !== undefined && typeof params.email !== 'string') {
        throw new AppError(422, 'Validation failed: Email is invalid');
      }
      await requestConfirmation(c.var.deps, user, { email: params.email });
      return c.json({});
    })
    .get('/api/v1/emails/check_confirmation', requireScopes('read', 'read:accounts'), (c) => {
      const { user } = currentUser(c.var.auth);
      return c.json(user.confirmedAt !== null);
    });
}
