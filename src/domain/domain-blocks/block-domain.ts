/**
 * BlockDomainService: an admin limits or suspends a whole server. The block is stored and its
 * accounts marked (silenced, or suspended so they vanish at once) in one transaction; a
 * suspension then purges them in a job. A domain that a block already covers (itself or a
 * parent domain) is Mastodon's 422 carrying the existing block.
 *
 * @example await blockDomain(deps, 'spam.example', { severity: 'suspend' });
 */
import { AppError } from '../../core/errors.ts';
import {
  insertInstanceDomainBlock,
  type InstanceDomainBlockRecord,
} from '../../db/repositories/instance-domain-blocks.ts';
import type { Deps } from '../context.ts';
import { markAccounts } from './accounts-on-domain.ts';
import {
  applyDomainBlockInput,
  defaultDomainBlock,
  type DomainBlockInput,
} from './domain-block-input.ts';
import { normalizeInstanceDomain } from './domain-name.ts';
import { enqueueDomainPurge } from './purge-domain.ts';
import { domainBlockRule, forgetDomainBlockRules } from './rules.ts';

/** Thrown when a block already covers the domain; `existing` is that block. */
export class ExistingDomainBlockError extends AppError {
  readonly existing: InstanceDomainBlockRecord;
  constructor(existing: InstanceDomainBlockRecord) {
    super(422, `A domain block already covers ${existing.domain}`);
    this.existing = existing;
  }
}

export async function blockDomain(
  deps: Deps,
  domainInput: string,
  input: DomainBlockInput = {},
): Promise<InstanceDomainBlockRecord> {
  const domain = normalizeInstanceDomain(domainInput);
  const settable = applyDomainBlockInput(defaultDomainBlock, input);
  forgetDomainBlockRules(deps.db);
  const existing = await domainBlockRule(deps, domain);
  if (existing) throw new ExistingDomainBlockError(existing);
  const now = deps.clock.now();
  const block: InstanceDomainBlockRecord = {
    id: deps.ids.next(),
    domain,
    ...settable,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await insertInstanceDomainBlock(tx, block);
    await markAccounts(tx, block);
  });
  await afterChange(deps, block);
  return block;
}

/** What every change of a block is followed by: fresh rules, the purge, the event. */
export async function afterChange(deps: Deps, block: InstanceDomainBlockRecord): Promise<void> {
  forgetDomainBlockRules(deps.db);
  if (block.severity === 'suspend') await enqueueDomainPurge(deps, block.id);
  await deps.events.emit('domain_block.changed', {
    domainBlockId: block.id,
    domain: block.domain,
  });
}
