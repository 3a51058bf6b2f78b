/**
 * Endorsing an account: featuring it on one's profile (Mastodon's AccountPin). Only an account
 * one follows may be endorsed; anything else is Mastodon's 422. Endorsing twice, or
 * unendorsing an account not endorsed, changes nothing.
 */
import { unprocessable } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteAccountPin, insertAccountPin } from '../../db/repositories/account-pins.ts';
import { findFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../context.ts';

export async function endorseAccount(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  if (!(await findFollow(deps.db, 'follows', source.id, target.id))) {
    throw unprocessable(
      'Validation failed: You must be already following the person you want to endorse',
    );
  }
  await insertAccountPin(deps.db, {
    id: deps.ids.next(),
    accountId: source.id,
    targetAccountId: target.id,
    createdAt: deps.clock.now(),
  });
}

export async function unendorseAccount(
  deps: Pick<Deps, 'db'>,
  source: AccountRecord,
  target: AccountRecord,
): Promise<void> {
  await deleteAccountPin(deps.db, source.id, target.id);
}
