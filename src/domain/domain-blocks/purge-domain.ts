/**
 * The job that empties a suspended domain (Mastodon's DomainBlockWorker with a suspension):
 * every remote account there is deleted with everything of it, through the same service as
 * the Delete of an actor, so the counts it held on local accounts and posts are given back.
 * A hundred accounts per job; the job enqueues its next round until none is left, and stops
 * if the block was lifted or softened meanwhile.
 */
import { accountFromRow } from '../../db/repositories/accounts.ts';
import { findInstanceDomainBlock } from '../../db/repositories/instance-domain-blocks.ts';
import { deleteRemoteAccount } from '../accounts/delete-remote-account.ts';
import type { Deps } from '../context.ts';
import { onDomain } from './accounts-on-domain.ts';

export const purgeDomainJob = 'domain_blocks.purge';
const batch = 100;

export async function enqueueDomainPurge(
  deps: Pick<Deps, 'queue'>,
  domainBlockId: string,
): Promise<void> {
  await deps.queue.enqueue(
    'default',
    purgeDomainJob,
    { domainBlockId },
    {
      uniqueKey: `${purgeDomainJob}:${domainBlockId}`,
    },
  );
}

/** Runs one round; returns how many accounts it deleted. */
export async function purgeSuspendedDomain(deps: Deps, payload: unknown): Promise<number> {
  const id = (payload as { domainBlockId?: unknown } | null)?.domainBlockId;
  if (typeof id !== 'string') throw new Error(`not a domain purge job: ${JSON.stringify(payload)}`);
  const block = await findInstanceDomainBlock(deps.db, id);
  if (!block || block.severity !== 'suspend') return 0;
  const where = onDomain(block.domain);
  const rows = await deps.db.all(
    `SELECT * FROM accounts WHERE ${where.sql} AND suspended_at IS NOT NULL ORDER BY id LIMIT ${batch}`,
    where.params,
  );
  for (const row of rows) await deleteRemoteAccount(deps, accountFromRow(row));
  if (rows.length === batch)
    await deps.queue.enqueue('default', purgeDomainJob, { domainBlockId: id });
  return rows.length;
}
