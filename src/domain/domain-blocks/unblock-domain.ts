/**
 * UnblockDomainService: the block goes, and so do the marks it left on the domain's
 * accounts. Accounts a suspension purged stay gone; they come back when next seen.
 */
import { deleteInstanceDomainBlock } from '../../db/repositories/instance-domain-blocks.ts';
import type { Deps } from '../context.ts';
import { unmarkAccounts } from './accounts-on-domain.ts';
import { forgetDomainBlockRules } from './rules.ts';
import { findDomainBlock } from './update-domain-block.ts';

export async function unblockDomain(deps: Deps, id: string): Promise<void> {
  const block = await findDomainBlock(deps, id);
  await deps.db.transaction(async (tx) => {
    await unmarkAccounts(tx, block);
    await deleteInstanceDomainBlock(tx, block.id);
  });
  forgetDomainBlockRules(deps.db);
  await deps.events.emit('domain_block.changed', { domainBlockId: block.id, domain: block.domain });
}
