/**
 * Password reset by mail (Devise's recoverable, as Mastodon configures it): a link with a
 * one-time token, valid for 6 hours. Asking for a link never tells whether the address is
 * known; setting the new password signs the account out everywhere.
 */
import { AppError, type FieldError } from '../../core/errors.ts';
import { hashToken, newToken } from '../../core/tokens.ts';
import {
  findUserByEmail,
  findUserByTokenHash,
  updateUser,
  type UserRecord,
} from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { recordInvalid } from '../validation.ts';
import { checkPassword } from './create-local-account.ts';
import { hashPassword } from './password.ts';
import { revokeAccess } from './revoke-access.ts';

/** Mastodon's `reset_password_within`. */
export const resetPasswordValidHours = 6;
const validMs = resetPasswordValidHours * 3_600_000;

/**
 * Mails a reset link to the user with this address, if there is one. Says nothing either way,
 * so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  email: string,
): Promise<void> {
  const address = email.trim();
  if (address === '') return;
  const user = await findUserByEmail(deps.db, address);
  if (!user) return;
  const token = newToken();
  const now = deps.clock.now();
  await updateUser(deps.db, user.id, {
    resetPasswordTokenHash: hashToken(token),
    resetPasswordSentAt: now,
    updatedAt: now,
  });
  await deps.events.emit('user.password_reset_requested', {
    userId: user.id,
    email: user.email,
    token,
  });
}

/** The user whose reset link this is, or why it cannot be used. */
export async function checkResetToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
): Promise<UserRecord> {
  const user = token
    ? await findUserByTokenHash(deps.db, 'reset_password', hashToken(token))
    : null;
  if (!user) throw new AppError(404, 'Reset password token is invalid');
  if (user.resetPasswordSentAt === null || user.resetPasswordSentAt + validMs <= deps.clock.now()) {
    throw new AppError(410, 'Reset password token has expired, please request a new one');
  }
  return user;
}

/**
 * Sets a new password with a reset link. The link stops working, and every token and session
 * of the account is revoked (Mastodon's passwords controller does the same).
 */
export async function resetPasswordByToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { token: string; password: string; passwordConfirmation: string },
): Promise<UserRecord> {
  const user = await checkResetToken(deps, input.token);
  const details: Record<string, FieldError[]> = {};
  const passwordErrors = checkPassword(input.password);
  if (passwordErrors.length) details.password = passwordErrors;
  else if (input.password !== input.passwordConfirmation) {
    details.password_confirmation = [
      { error: 'ERR_CONFIRMATION', description: "doesn't match Password" },
    ];
  }
  if (Object.keys(details).length) throw recordInvalid(details);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  const changes: Partial<UserRecord> = {
    passwordHash,
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
