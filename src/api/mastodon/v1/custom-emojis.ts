/**
 * `GET /api/v1/custom_emojis`: the emojis of this server that people can pick, with their
 * categories. Public and cached, like the instance entity.
 */
import { Hono } from 'hono';
import { listPickableLocalEmojis } from '../../../domain/instance/custom-emojis.ts';
import type { AppEnv } from '../env.ts';
import { serializeCustomEmoji } from '../serializers/custom-emoji.ts';
import { instanceCacheControl } from './instance.ts';

export function customEmojisRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/v1/custom_emojis', async (c) => {
    const emojis = await listPickableLocalEmojis(c.var.deps.db);
    c.header('Cache-Control', instanceCacheControl);
    return c.json(emojis.map((e) => serializeCustomEmoji(e, { withCategory: true })));
  });
}
