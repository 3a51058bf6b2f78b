/**
 * The posts a remote account features on its profile (its `featured` collection), as its
 * server states them: one by one with Add and Remove (Mastodon's ActivityPub::Activity::Add
 * and Remove), or all at once when the collection is read (FetchFeaturedCollectionService).
 * Only the account's own posts are pinned; the local limit on pins is not applied, as
 * Mastodon does not apply it to remote accounts. The profile reads them with `pinned=true`.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteStatusPin,
  insertStatusPin,
  listStatusPinIds,
} from '../../db/repositories/status-pins.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';

/** Pins `status` on `account`'s profile; false when it is not the account's own or pinned. */
export async function pinRemoteStatus(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  status: StatusRecord,
): Promise<boolean> {
  if (account.domain === null || status.accountId !== account.id) return false;
  if (status.reblogOfId !== null || status.deletedAt !== null) return false;
  return insertStatusPin(deps.db, {
    id: deps.ids.next(),
    accountId: account.id,
    statusId: status.id,
    createdAt: deps.clock.now(),
  });
}

/** Unpins `status` from `account`'s profile; false when it was not pinned. */
export async function unpinRemoteStatus(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  status: StatusRecord,
): Promise<boolean> {
  if (account.domain === null) return false;
  return deleteStatusPin(deps.db, account.id, status.id);
}

/** Makes `statuses` the account's pins, in the collection's order (the first one newest). */
export async function replaceRemotePins(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  statuses: StatusRecord[],
): Promise<void> {
  if (account.domain === null) return;
  const keep = new Set(statuses.map((s) => s.id));
  await deps.db.transaction(async (tx) => {
    for (const statusId of await listStatusPinIds(tx, account.id)) {
      if (!keep.has(statusId)) await deleteStatusPin(tx, account.id, statusId);
    }
    const now = deps.clock.now();
    // The collection lists the newest pin first; each gets an older time than the one before.
    for (const [index, status] of statuses.entries()) {
      if (status.accountId !== account.id || status.reblogOfId !== null) continue;
      await insertStatusPin(tx, {
        id: deps.ids.next(),
        accountId: account.id,
        statusId: status.id,
        createdAt: now - index,
      });
    }
  });
}
