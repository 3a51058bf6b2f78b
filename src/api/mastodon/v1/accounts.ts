/**
 * `POST /api/v1/accounts` (sign-up by an app, answered with a Token) and
 * `GET /api/v1/accounts/:id` (any account, for anyone), with Mastodon's scopes and errors.
 */
import { Hono } from 'hono';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import { registerAccount } from '../../../domain/accounts/register.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth, requireScopes } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { railsText } from '../rails-text.ts';
import { serializeAccount } from '../serializers/account.ts';
import { serializeToken } from '../serializers/token.ts';

/**
 * Mastodon's own words under `/api/v1/accounts/`, which are not ids. Their routers may be
 * mounted after this one, so `/:id` hands them on instead of answering 404.
 */
const notIds = new Set([
  'verify_credentials',
  'update_credentials',
  'relationships',
  'familiar_followers',
  'search',
  'lookup',
]);

/** Rails' acceptance validation as Mastodon configures it for `agreement`. */
const accepted = (value: unknown) => value === true || value === 'true' || value === '1';

const readScopes = scopesIfToken('read', 'read:accounts');

export function accountsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/accounts', requireScopes('write', 'write:accounts'), async (c) => {
      const { deps, auth } = c.var;
      const params = await readParams(c);
      const text = (name: string) => railsText(params[name]) ?? '';
      const optional = (name: string) => railsText(params[name]) || null;
      const { token } = await registerAccount(deps, {
        applicationId: requireAuth(auth).token.applicationId,
        username: text('username'),
        email: text('email'),
        password: text('password'),
        agreement: accepted(params.agreement),
        locale: optional('locale'),
        reason: optional('reason'),
        dateOfBirth: optional('date_of_birth'),
        ip: c.var.clientIp,
      });
      // Doorkeeper's token response headers.
      c.header('Cache-Control', 'no-store');
      c.header('Pragma', 'no-cache');
      return c.json(serializeToken(token));
    })
    .get('/api/v1/accounts/:id', async (c, next) => {
      const id = c.req.param('id');
      if (notIds.has(id)) return next();
      await readScopes(c, async () => {});
      const view = await findVisibleAccount(c.var.deps, id);
      return c.json(serializeAccount(view, c.var.deps.config.baseUrl));
    });
}
