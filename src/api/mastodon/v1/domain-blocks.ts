/**
 * The domains the signed-in account blocks: GET /api/v1/domain_blocks (their names, newest
 * block first, paged by the block's id), POST and DELETE /api/v1/domain_blocks with `domain`
 * (answered with `{}`).
 */
import { Hono } from 'hono';
import {
  blockDomain,
  blockedDomainsPage,
  unblockDomain,
} from '../../../domain/relationships/domain-block.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { readParams } from '../params.ts';

const domainParam = (value: unknown): string => (typeof value === 'string' ? value : '');

export function domainBlocksRoutes(): Hono<AppEnv> {
  const write = [requireScopes('follow', 'write', 'write:blocks'), requireUser()] as const;
  return new Hono<AppEnv>()
    .get(
      '/api/v1/domain_blocks',
      requireScopes('follow', 'read', 'read:blocks'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const page = readPage(c, { defaultLimit: 100, maxLimit: 200 });
        const blocks = await blockedDomainsPage(c.var.deps, account.id, page);
        setLinkHeader(
          c,
          page,
          blocks.map((b) => b.id),
          // Mastodon's account lists point back with since_id, not min_id.
          { prev: 'since_id' },
        );
        return c.json(blocks.map((b) => b.domain));
      },
    )
    .post('/api/v1/domain_blocks', ...write, async (c) => {
      const { account } = currentUser(c.var.auth);
      await blockDomain(c.var.deps, account, domainParam((await readParams(c)).domain));
      return c.json({});
    })
    .delete('/api/v1/domain_blocks', ...write, async (c) => {
      const { account } = currentUser(c.var.auth);
      await unblockDomain(c.var.deps, account, domainParam((await readParams(c)).domain));
      return c.json({});
    });
}
