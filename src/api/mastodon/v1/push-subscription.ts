/**
 * `/api/v1/push/subscription`: the web push subscription of the calling token (a `push`
 * scope and a user are required). POST subscribes (replacing the token's subscription), GET
 * shows it, PUT changes its alerts and policy, DELETE removes it. Parameters as Mastodon takes
 * them: `subscription[endpoint]`, `subscription[keys][p256dh]`, `subscription[keys][auth]`,
 * `subscription[standard]`, `data[alerts][<type>]`, `data[policy]`, as a form or JSON.
 */
import { Hono } from 'hono';
import { AppError } from '../../../core/errors.ts';
import {
  changePushData,
  currentPushSubscription,
  subscribeToPush,
  unsubscribeFromPush,
} from '../../../domain/push/subscriptions.ts';
import type { AppEnv } from '../env.ts';
import { bearerToken, currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeWebPushSubscription } from '../serializers/web-push-subscription.ts';

const path = '/api/v1/push/subscription';

export function pushSubscriptionRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(path, requireScopes('push'), requireUser());

  app.post(path, async (c) => {
    const { token, account } = currentUser(c.var.auth);
    const params = await readParams(c);
    if (typeof params.subscription !== 'object' || params.subscription === null) {
      throw new AppError(400, 'param is missing or the value is empty: subscription');
    }
    const raw = bearerToken(c.req.header('authorization'), c.req.query('access_token'));
    const record = await subscribeToPush(
      c.var.deps,
      { accessTokenId: token.id, accessToken: raw ?? '', accountId: account.id },
      { subscription: params.subscription, data: params.data },
    );
    return c.json(serializeWebPushSubscription(record, c.var.deps.config.vapid.publicKey));
  });

  app.get(path, async (c) => {
    const { token } = currentUser(c.var.auth);
    const record = await currentPushSubscription(c.var.deps, token.id);
    return c.json(serializeWebPushSubscription(record, c.var.deps.config.vapid.publicKey));
  });

  app.put(path, async (c) => {
    const { token } = currentUser(c.var.auth);
    const params = await readParams(c);
    const record = await changePushData(c.var.deps, token.id, params.data);
    return c.json(serializeWebPushSubscription(record, c.var.deps.config.vapid.publicKey));
  });

  app.delete(path, async (c) => {
    const { token } = currentUser(c.var.auth);
    await unsubscribeFromPush(c.var.deps, token.id);
    return c.json({});
  });
  return app;
}
