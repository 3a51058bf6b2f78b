/**
 * GET /api/v1/instance/domain_blocks: the servers this instance limits, for everyone or only
 * for signed-in users or for nobody (a 404), as the `show_domain_blocks` setting says; the
 * public comments as `show_domain_blocks_rationale` says. Both are `disabled` by default,
 * as in Mastodon.
 */
import { Hono } from 'hono';
import { notFound } from '../../../core/errors.ts';
import { publicDomainBlocks } from '../../../domain/domain-blocks/list-domain-blocks.ts';
import { getSettings } from '../../../domain/instance/settings.ts';
import type { AppEnv } from '../env.ts';
import { serializePublicDomainBlock } from './domain-block-json.ts';

const shownTo = (setting: string, signedIn: boolean) =>
  setting === 'all' || (setting === 'users' && signedIn);

export function instanceDomainBlocksRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/v1/instance/domain_blocks', async (c) => {
    const settings = await getSettings(c.var.deps);
    const signedIn = Boolean(c.var.auth?.user);
    if (!shownTo(settings.show_domain_blocks, signedIn)) throw notFound();
    const withComment = shownTo(settings.show_domain_blocks_rationale, signedIn);
    const blocks = await publicDomainBlocks(c.var.deps);
    c.header('Cache-Control', 'public, max-age=180');
    return c.json(blocks.map((b) => serializePublicDomainBlock(b, withComment)));
  });
}
