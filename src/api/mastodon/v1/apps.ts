/**
 * `POST /api/v1/apps` registers a client (no token needed); `GET /api/v1/apps/verify_credentials`
 * shows the app behind any valid token, user or app-only, whatever its scopes (Mastodon 4.3).
 */
import { Hono } from 'hono';
import { notFound } from '../../../core/errors.ts';
import { findApplicationById } from '../../../db/repositories/oauth-applications.ts';
import { registerApplication } from '../../../domain/oauth/applications.ts';
import type { AppEnv } from '../env.ts';
import { requireValidToken } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import {
  serializeApplication,
  serializeCredentialApplication,
} from '../serializers/application.ts';

export function appsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/apps', async (c) => {
      const params = await readParams(c);
      const { application, clientSecret } = await registerApplication(c.var.deps, {
        name: params.client_name,
        redirectUris: params.redirect_uris,
        scopes: params.scopes,
        website: params.website,
      });
      return c.json(serializeCredentialApplication(application, clientSecret));
    })
    .get('/api/v1/apps/verify_credentials', async (c) => {
      const auth = requireValidToken(c);
      const application = await findApplicationById(c.var.deps.db, auth.token.applicationId);
      if (!application) throw notFound();
      return c.json(
        serializeApplication(application, { vapidKey: c.var.deps.config.vapid.publicKey }),
      );
    });
}
