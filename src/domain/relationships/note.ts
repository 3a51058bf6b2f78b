/**
 * A private note about an account, which only its writer sees (in the Relationship entity).
 * A blank note deletes it. Mastodon's AccountNote allows 2,000 characters; a longer one is a
 * 422 and nothing is written.
 */
import { unprocessable } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteAccountNote, upsertAccountNote } from '../../db/repositories/account-notes.ts';
import type { Deps } from '../context.ts';

export const noteMaxLength = 2000;

export async function setAccountNote(
  deps: Pick<Deps, 'db' | 'clock'>,
  source: AccountRecord,
  target: AccountRecord,
  comment: string,
): Promise<void> {
  if (comment.trim() === '') {
    await deleteAccountNote(deps.db, source.id, target.id);
    return;
  }
  // Rails counts characters (code points), not UTF-16 units.
  if ([...comment].length > noteMaxLength) {
    throw unprocessable(
      `Validation failed: Comment is too long (maximum is ${noteMaxLength} characters)`,
    );
  }
  await upsertAccountNote(deps.db, source.id, target.id, comment, deps.clock.now());
}
