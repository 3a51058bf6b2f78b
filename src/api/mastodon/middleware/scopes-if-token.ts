/**
 * Mastodon's `authorize_if_got_token!`: public endpoints (an account's followers, its posts)
 * answer anyone, but a request that carries a token must carry a valid one with one of the
 * accepted scopes, exactly as behind `requireScopes`. A token Woolly never issued counts as no
 * token (Doorkeeper finds no token for it); a revoked or expired one is a 401.
 *
 * @example app.get('/api/v1/accounts/:id/followers', scopesIfToken('read', 'read:accounts'), handler)
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { bearerToken, requireScopes, tokenRefusal } from './auth.ts';

export function scopesIfToken(...accepted: string[]): MiddlewareHandler<AppEnv> {
  const check = requireScopes(...accepted);
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'), c.req.query('access_token'));
    if (token === null || tokenRefusal(c) === 'unknown') return next();
    return check(c, next);
  };
}
