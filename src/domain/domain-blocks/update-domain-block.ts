/**
 * An admin changes a domain block (its domain stays). The old marks on the domain's accounts
 * are lifted and the new severity's laid, in one transaction, as Mastodon re-applies a block
 * whose severity changed.
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import {
  findInstanceDomainBlock,
  updateInstanceDomainBlock,
  type InstanceDomainBlockRecord,
} from '../../db/repositories/instance-domain-blocks.ts';
import type { Deps } from '../context.ts';
import { markAccounts, unmarkAccounts } from './accounts-on-domain.ts';
import { afterChange } from './block-domain.ts';
import { applyDomainBlockInput, type DomainBlockInput } from './domain-block-input.ts';

export async function findDomainBlock(
  deps: Pick<Deps, 'db'>,
  id: string,
): Promise<InstanceDomainBlockRecord> {
  const block = isId(id) ? await findInstanceDomainBlock(deps.db, id) : null;
  if (!block) throw notFound();
  return block;
}

export async function updateDomainBlock(
  deps: Deps,
  id: string,
  input: DomainBlockInput,
): Promise<InstanceDomainBlockRecord> {
  const current = await findDomainBlock(deps, id);
  const block: InstanceDomainBlockRecord = {
    ...current,
    ...applyDomainBlockInput(current, input),
    updatedAt: deps.clock.now(),
  };
  await deps.db.transaction(async (tx) => {
    await updateInstanceDomainBlock(tx, block);
    if (block.severity !== current.severity) {
      await unmarkAccounts(tx, current);
      await markAccounts(tx, block);
    }
  });
  await afterChange(deps, block);
  return block;
}
