/** The OAuth 2 endpoints apps call directly (the consent page is in web/oauth-authorize.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../mastodon/env.ts';
import { revokeRoutes } from './revoke.ts';
import { tokenRoutes } from './token.ts';
import { wellKnownOAuthRoutes } from './well-known.ts';

export function oauthApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.route('/', tokenRoutes());
  api.route('/', revokeRoutes());
  api.route('/', wellKnownOAuthRoutes());
  return api;
}
