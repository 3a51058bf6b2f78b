/**
 * The discovery documents Fedify does not serve itself: /.well-known/host-meta (older
 * software finds WebFinger through it) and NodeInfo 2.0 beside Fedify's 2.1, with the same
 * figures.
 */
import { Hono, type Env } from 'hono';
import type { Deps } from '../domain/context.ts';
import { nodeInfo } from './dispatchers/nodeinfo.ts';

const nodeInfo20Schema = 'http://nodeinfo.diaspora.software/ns/schema/2.0#';

/** @example app.route('/', wellKnownRoutes(() => deps)); */
export function wellKnownRoutes<E extends Env>(deps: Deps): Hono<E> {
  const app = new Hono<E>();
  app.get('/.well-known/host-meta', (c) => {
    const template = `${deps.config.baseUrl}/.well-known/webfinger?resource={uri}`;
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" template="${template}"/>\n</XRD>\n`,
      200,
      { 'Content-Type': 'application/xrd+xml; charset=utf-8' },
    );
  });
  app.get('/nodeinfo/2.0', async (c) => {
    // Fedify is loaded on demand (on-demand.ts): NodeInfo 2.0 needs only its serializer.
    const { nodeInfoToJson } = await import('@fedify/fedify');
    const json = nodeInfoToJson(await nodeInfo(deps)) as Record<string, unknown>;
    // 2.0 has no software homepage or repository.
    const software = { ...(json.software as Record<string, unknown>) };
    delete software.repository;
    delete software.homepage;
    return c.json({ ...json, version: '2.0', software }, 200, {
      'Content-Type': `application/json; profile="${nodeInfo20Schema}"`,
    });
  });
  return app;
}
