/** `GET /api/v2/instance`: the instance entity today's apps read first. Public and cached. */
import { Hono } from 'hono';
import { describeInstance } from '../../../domain/instance/describe.ts';
import type { AppEnv } from '../env.ts';
import { serializeInstance } from '../serializers/instance.ts';
import { instanceCacheControl } from '../v1/instance.ts';

export function instanceV2Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/v2/instance', async (c) => {
    const deps = c.var.deps;
    c.header('Cache-Control', instanceCacheControl);
    return c.json(serializeInstance(await describeInstance(deps), deps.config));
  });
}
