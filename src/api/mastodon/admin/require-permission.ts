/**
 * The admin API's gate: the signed-in user's role must carry the permission (Mastodon's
 * policies, e.g. DomainBlockPolicy asks for `manage_federation`), else Mastodon's 403.
 *
 * @example app.get('/api/v1/admin/domain_blocks', requireScopes(...), requireUser(), requirePermission('manageFederation'), handler)
 */
import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../../../core/errors.ts';
import { can, type permissions } from '../../../domain/accounts/roles.ts';
import type { AppEnv } from '../env.ts';
import { currentUser } from '../middleware/auth.ts';

export function requirePermission(permission: keyof typeof permissions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { user } = currentUser(c.var.auth);
    if (!can(user.role, permission)) throw forbidden();
    await next();
  };
}
