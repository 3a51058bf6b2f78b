/**
 * The OAuth 2 endpoints apps call directly (the consent page is in web/oauth-authorize.ts).
 * Browser-based apps call them from their own origin, so, as in Mastodon, any origin may,
 * without cookies.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../mastodon/env.ts';
import { revokeRoutes } from './revoke.ts';
import { tokenRoutes } from './token.ts';
import { userinfoRoutes } from './userinfo.ts';
import { wellKnownOAuthRoutes } from './well-known.ts';

export function oauthApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const anyOrigin = (method: string) => cors({ origin: '*', allowMethods: [method] });
  api.use('/oauth/token', anyOrigin('POST'));
  api.use('/oauth/revoke', anyOrigin('POST'));
  api.use('/oauth/userinfo', cors({ origin: '*', allowMethods: ['GET', 'POST'] }));
  api.use('/.well-known/oauth-authorization-server', anyOrigin('GET'));
  api.route('/', tokenRoutes());
  api.route('/', revokeRoutes());
  api.route('/', userinfoRoutes());
  api.route('/', wellKnownOAuthRoutes());
  return api;
}
