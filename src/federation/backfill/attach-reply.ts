/**
 * A remote post stored before the post it answers was known has no parent; once a backfill
 * has fetched the parent, the reply joins its thread (and counts as a reply on it, when it is
 * public or unlisted, as Mastodon counts). A reply that already has a parent is left alone.
 */
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';

export async function attachReply(
  deps: Pick<Deps, 'db'>,
  reply: StatusRecord,
  parent: StatusRecord,
): Promise<void> {
  if (reply.inReplyToId !== null || reply.id === parent.id) return;
  await deps.db.transaction(async (tx) => {
    const changed = await tx.run(
      `UPDATE statuses SET in_reply_to_id = ?, in_reply_to_account_id = ?
        WHERE id = ? AND in_reply_to_id IS NULL`,
      [parent.id, parent.accountId, reply.id],
    );
    if (changed.changes > 0 && (reply.visibility === 'public' || reply.visibility === 'unlisted')) {
      await tx.run('UPDATE statuses SET replies_count = replies_count + 1 WHERE id = ?', [
        parent.id,
      ]);
    }
  });
}
