/**
 * GET /api/v1/markers?timeline[]=home&timeline[]=notifications (`read:statuses`) and
 * POST /api/v1/markers with `home[last_read_id]` and/or `notifications[last_read_id]`
 * (`write:statuses`): the answers are keyed by timeline, as Mastodon's.
 */
import { Hono } from 'hono';
import {
  isMarkerTimeline,
  readMarkers,
  saveMarkers,
  type MarkerTimeline,
} from '../../../domain/markers/markers.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeMarkers } from '../serializers/marker.ts';

export function markersRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/markers', requireScopes('read', 'read:statuses'), requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const value = (await readParams(c)).timeline;
      const timelines = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(
        String,
      );
      return c.json(serializeMarkers(await readMarkers(c.var.deps, account.id, timelines)));
    })
    .post('/api/v1/markers', requireScopes('write', 'write:statuses'), requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const params = await readParams(c);
      const positions: Partial<Record<MarkerTimeline, string>> = {};
      for (const [key, value] of Object.entries(params)) {
        if (!isMarkerTimeline(key) || !value || typeof value !== 'object') continue;
        const id = (value as Record<string, unknown>).last_read_id;
        positions[key] = id === undefined || id === null ? '' : String(id);
      }
      return c.json(serializeMarkers(await saveMarkers(c.var.deps, account.id, positions)));
    });
}
