/** `GET /api/v1/preferences`: the signed-in user's posting and reading defaults. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { serializePreferences } from '../serializers/preferences.ts';

export function preferencesRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/preferences',
    requireScopes('read', 'read:accounts'),
    requireUser(),
    (c) => {
      const { account, user } = currentUser(c.var.auth);
      return c.json(serializePreferences(account, user));
    },
  );
}
