/**
 * Mastodon's admin API for instance domain blocks: GET (paged, newest first) and POST
 * /api/v1/admin/domain_blocks, GET, PUT and DELETE /api/v1/admin/domain_blocks/:id. Needs the
 * admin domain-block scopes and a role that manages federation. Creating a block for a domain
 * that one already covers is Mastodon's 422 with the `existing_domain_block`.
 */
import { Hono } from 'hono';
import {
  blockDomain,
  ExistingDomainBlockError,
} from '../../../domain/domain-blocks/block-domain.ts';
import type { DomainBlockInput } from '../../../domain/domain-blocks/domain-block-input.ts';
import { domainBlocksPage } from '../../../domain/domain-blocks/list-domain-blocks.ts';
import { unblockDomain } from '../../../domain/domain-blocks/unblock-domain.ts';
import {
  findDomainBlock,
  updateDomainBlock,
} from '../../../domain/domain-blocks/update-domain-block.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { readParams, type Params } from '../params.ts';
import { serializeAdminDomainBlock } from './domain-block-json.ts';
import { requirePermission } from './require-permission.ts';

const text = (value: unknown): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : String(value);

function input(params: Params): DomainBlockInput {
  return {
    severity: params.severity === undefined ? undefined : String(params.severity),
    rejectMedia: booleanParam(params.reject_media),
    rejectReports: booleanParam(params.reject_reports),
    privateComment: text(params.private_comment),
    publicComment: text(params.public_comment),
    obfuscate: booleanParam(params.obfuscate),
  };
}

export function adminDomainBlocksRoutes(): Hono<AppEnv> {
  const read = [
    requireScopes('admin:read', 'admin:read:domain_blocks'),
    requireUser(),
    requirePermission('manageFederation'),
  ] as const;
  const write = [
    requireScopes('admin:write', 'admin:write:domain_blocks'),
    requireUser(),
    requirePermission('manageFederation'),
  ] as const;
  return new Hono<AppEnv>()
    .get('/api/v1/admin/domain_blocks', ...read, async (c) => {
      const page = readPage(c, { defaultLimit: 100, maxLimit: 200 });
      const blocks = await domainBlocksPage(c.var.deps, page);
      setLinkHeader(
        c,
        page,
        blocks.map((b) => b.id),
      );
      return c.json(blocks.map(serializeAdminDomainBlock));
    })
    .post('/api/v1/admin/domain_blocks', ...write, async (c) => {
      const params = await readParams(c);
      try {
        const block = await blockDomain(c.var.deps, String(params.domain ?? ''), input(params));
        return c.json(serializeAdminDomainBlock(block));
      } catch (error) {
        if (!(error instanceof ExistingDomainBlockError)) throw error;
        return c.json(
          {
            error: error.message,
            existing_domain_block: serializeAdminDomainBlock(error.existing),
          },
          422,
        );
      }
    })
    .get('/api/v1/admin/domain_blocks/:id', ...read, async (c) =>
      c.json(serializeAdminDomainBlock(await findDomainBlock(c.var.deps, c.req.param('id')))),
    )
    .put('/api/v1/admin/domain_blocks/:id', ...write, async (c) => {
      const params = await readParams(c);
      const block = await updateDomainBlock(c.var.deps, c.req.param('id'), input(params));
      return c.json(serializeAdminDomainBlock(block));
    })
    .delete('/api/v1/admin/domain_blocks/:id', ...write, async (c) => {
      await unblockDomain(c.var.deps, c.req.param('id'));
      return c.json({});
    });
}
