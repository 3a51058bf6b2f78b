/**
 * An admin setting a user's password (`woolly accounts modify --reset-password`). As with a
 * reset by mail, whoever knew the old password is signed out everywhere (Mastodon's
 * `change_password!`).
 */
import { randomBytes } from 'node:crypto';
import { updateUser, type UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { recordInvalid } from '../validation.ts';
import { checkPassword } from './create-local-account.ts';
import { hashPassword } from './password.ts';
import { revokeAccess } from './revoke-access.ts';

/** A random password of 32 hex characters, as tootctl makes (`SecureRandom.hex`). */
export function generatePassword(): string {
  return randomBytes(16).toString('hex');
}

export async function setPassword(
  deps: Pick<Deps, 'db' | 'clock'>,
  user: UserRecord,
  password: string,
): Promise<UserRecord> {
  const errors = checkPassword(password);
  if (errors.length) throw recordInvalid({ password: errors });
  const now = deps.clock.now();
  const changes: Partial<UserRecord> = {
    passwordHash: await hashPassword(password),
    resetPasswordTokenHash: null,
    resetPasswordSentAt: null,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await updateUser(tx, user.id, changes);
    await revokeAccess(tx, user.accountId, now);
  });
  return { ...user, ...changes };
}
