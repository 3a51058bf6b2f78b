/**
 * An account on another server was deleted there (Mastodon's DeleteAccountService for a
 * remote account): Woolly forgets it and everything of it (its posts, follows, favourites
 * and boosts go with the row, through the foreign keys), and first gives back the counts it
 * held on local accounts and posts, in the same transaction. `account.deleted` follows.
 */
import { deleteAccountRow, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';

const decrement = (column: string) =>
  `${column} = CASE WHEN ${column} > 0 THEN ${column} - 1 ELSE 0 END`;

export async function deleteRemoteAccount(
  deps: Pick<Deps, 'db' | 'events'>,
  account: AccountRecord,
): Promise<void> {
  if (account.domain === null) return;
  const id = account.id;
  await deps.db.transaction(async (tx) => {
    await tx.run(
      `UPDATE accounts SET ${decrement('followers_count')}
        WHERE id IN (SELECT target_account_id FROM follows WHERE account_id = ?)`,
      [id],
    );
    await tx.run(
      `UPDATE accounts SET ${decrement('following_count')}
        WHERE id IN (SELECT account_id FROM follows WHERE target_account_id = ?)`,
      [id],
    );
    await tx.run(
      `UPDATE statuses SET ${decrement('favourites_count')}
        WHERE id IN (SELECT status_id FROM favourites WHERE account_id = ?)`,
      [id],
    );
    await tx.run(
      `UPDATE statuses SET ${decrement('reblogs_count')}
        WHERE id IN (SELECT reblog_of_id FROM statuses
                      WHERE account_id = ? AND reblog_of_id IS NOT NULL AND deleted_at IS NULL)`,
      [id],
    );
    await tx.run(
      `UPDATE statuses SET ${decrement('replies_count')}
        WHERE id IN (SELECT in_reply_to_id FROM statuses
                      WHERE account_id = ? AND in_reply_to_id IS NOT NULL AND deleted_at IS NULL
                        AND visibility IN ('public', 'unlisted'))`,
      [id],
    );
    await deleteAccountRow(tx, id);
  });
  await deps.events.emit('account.deleted', {
    accountId: id,
    username: account.username,
    domain: account.domain,
  });
}
