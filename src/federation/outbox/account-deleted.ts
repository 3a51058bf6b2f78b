/**
 * A local account being deleted tells the servers that know it: Delete of its actor, signed
 * with its key while it still exists (Fedify keeps the key with each queued delivery), to
 * its remote followers, the remote accounts it follows and the relays, so they drop it and
 * its posts.
 */
import type { Context } from '@fedify/fedify';
import { Delete, PUBLIC_COLLECTION } from '@fedify/vocab';
import { accountFromRow, findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { remoteFollowers } from './audience.ts';
import { deliver } from './deliver.ts';
import { acceptedRelays } from './relays.ts';

export async function onAccountDeleting(
  ctx: Context<Deps>,
  event: DomainEvents['account.deleting'],
): Promise<void> {
  const account = await findAccountById(ctx.data.db, event.accountId);
  if (!account || account.domain !== null) return;
  const followed = await ctx.data.db.all(
    `SELECT accounts.* FROM follows JOIN accounts ON accounts.id = follows.target_account_id
      WHERE follows.account_id = ? AND accounts.domain IS NOT NULL`,
    [account.id],
  );
  const actor = ctx.getActorUri(account.username);
  await deliver(
    ctx,
    account,
    [...(await remoteFollowers(ctx.data, account.id)), ...followed.map(accountFromRow)],
    new Delete({
      id: new URL(`${actor.href}#delete`),
      actor,
      to: PUBLIC_COLLECTION,
      object: actor,
    }),
    await acceptedRelays(ctx.data),
  );
}
