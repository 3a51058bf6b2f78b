/** The instance's domain blocks: the admin's paged list, and the public one Mastodon shows. */
import {
  allInstanceDomainBlocks,
  instanceDomainBlocksPage,
  type InstanceDomainBlockRecord,
} from '../../db/repositories/instance-domain-blocks.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';

export async function domainBlocksPage(
  deps: Pick<Deps, 'db'>,
  page: Page,
): Promise<InstanceDomainBlockRecord[]> {
  const q = pageQuery(page, 'id');
  return newestFirst(
    await instanceDomainBlocksPage(deps.db, q.where, q.params, q.orderLimit),
    q.ascending,
  );
}

const severityOrder = { suspend: 0, silence: 1, noop: 2 } as const;

/**
 * The blocks people may see (silences and suspensions, not `noop`), suspensions first, then
 * by domain, as Mastodon's `/api/v1/instance/domain_blocks` lists them.
 */
export async function publicDomainBlocks(
  deps: Pick<Deps, 'db'>,
): Promise<InstanceDomainBlockRecord[]> {
  const blocks = (await allInstanceDomainBlocks(deps.db)).filter((b) => b.severity !== 'noop');
  return blocks.sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] || a.domain.localeCompare(b.domain),
  );
}

/** The domain with its middle starred out, when the block asks to obfuscate it. */
export function publicDomainName(block: InstanceDomainBlockRecord): string {
  if (!block.obfuscate) return block.domain;
  const chars = [...block.domain];
  const shown = Math.floor(chars.length / 4);
  return chars
    .map((c, i) => (i > shown && i < chars.length - shown && c !== '.' ? '*' : c))
    .join('');
}

/** The block of exactly `domain` (normalized), if there is one. */
export async function findDomainBlockByName(
  deps: Pick<Deps, 'db'>,
  domain: string,
): Promise<InstanceDomainBlockRecord | null> {
  const blocks = await allInstanceDomainBlocks(deps.db);
  return blocks.find((b) => b.domain === domain) ?? null;
}
