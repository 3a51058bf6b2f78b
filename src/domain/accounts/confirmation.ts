/**
 * E-mail confirmation (Devise's confirmable, as Mastodon uses it): a user proves they own an
 * address by opening a link with a one-time token. Only the token's hash is stored; the token
 * itself travels in the `user.confirmation_requested` event to the mailer and nowhere else.
 *
 * A confirmed user who changes their address keeps the old one in `email` until the new one,
 * held in `unconfirmed_email`, is confirmed (Mastodon's reconfirmable).
 */
import { AppError, type FieldError } from '../../core/errors.ts';
import { hashToken, newToken } from '../../core/tokens.ts';
import { isUniqueViolation } from '../../db/database.ts';
import {
  findUserByEmail,
  findUserByTokenHash,
  updateUser,
  type UserRecord,
} from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { recordInvalid, fieldError } from '../validation.ts';
import { checkEmail } from './create-local-account.ts';

/** Mastodon's answer when there is no address to confirm. */
export const nothingToConfirm =
  'This method is only available while the e-mail is awaiting confirmation';

/** True while the user has an address to confirm: a new account, or a changed address. */
export function awaitingConfirmation(user: UserRecord): boolean {
  return user.confirmedAt === null || user.unconfirmedEmail !== null;
}

/** The address a confirmation mail goes to. */
export function addressToConfirm(user: UserRecord): string {
  return user.unconfirmedEmail ?? user.email;
}

/** The problems with `email` as the new address of `user`: its form, or another user having it. */
export async function checkNewEmail(
  deps: Pick<Deps, 'db'>,
  user: UserRecord,
  email: string,
): Promise<FieldError[]> {
  const errors = checkEmail(email);
  if (errors.length) return errors;
  const owner = await findUserByEmail(deps.db, email);
  if (owner && owner.id !== user.id) return [fieldError.taken()];
  return [];
}

/**
 * Makes a new confirmation token (the previous one stops working) and emits
 * `user.confirmation_requested`, which mails the link. With `email`, the address to confirm
 * changes first: an unconfirmed account's address is replaced, a confirmed user's new address
 * waits in `unconfirmed_email` until confirmed (Mastodon's reconfirmable). Throws 403 when
 * there is nothing to confirm.
 *
 * @example await requestConfirmation(deps, user); // after sign-up
 * @example await requestConfirmation(deps, user, { email: 'new@example.com' }); // change of address
 */
export async function requestConfirmation(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  user: UserRecord,
  options: { email?: string } = {},
): Promise<void> {
  if (!awaitingConfirmation(user) && options.email === undefined) {
    throw new AppError(403, nothingToConfirm);
  }
  const token = newToken();
  const now = deps.clock.now();
  const changes: Partial<UserRecord> = {
    confirmationTokenHash: hashToken(token),
    confirmationSentAt: now,
    updatedAt: now,
  };
  let updated: UserRecord = { ...user, ...changes };
  if (options.email !== undefined) {
    const email = options.email.trim();
    const errors = await checkNewEmail(deps, user, email);
    if (errors.length) throw recordInvalid({ email: errors });
    if (user.confirmedAt !== null && email.toLowerCase() === user.email.toLowerCase()) {
      // Back to the confirmed address: a pending change is dropped, nothing to mail.
      await updateUser(deps.db, user.id, {
        unconfirmedEmail: null,
        confirmationTokenHash: null,
        updatedAt: now,
      });
      return;
    }
    // An unconfirmed account has nothing to keep: its address is simply replaced.
    const address: Partial<UserRecord> =
      user.confirmedAt === null ? { email, unconfirmedEmail: null } : { unconfirmedEmail: email };
    Object.assign(changes, address);
    updated = { ...updated, ...address };
  }
  try {
    await updateUser(deps.db, user.id, changes);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw recordInvalid({ email: [fieldError.taken()] });
  }
  await deps.events.emit('user.confirmation_requested', {
    userId: user.id,
    email: addressToConfirm(updated),
    token,
  });
}

/**
 * Confirms the address behind `token`: a new account becomes confirmed, a changed address
 * replaces the old one. The token works once. Emits `user.confirmed`.
 */
export async function confirmByToken(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  token: string,
): Promise<UserRecord> {
  const user = token ? await findUserByTokenHash(deps.db, 'confirmation', hashToken(token)) : null;
  if (!user) throw new AppError(404, 'Confirmation token is invalid');
  return confirmUser(deps, user);
}

/**
 * Marks the user's address confirmed without a token (`woolly accounts modify --confirm`, an
 * admin's action). Does nothing to a user with nothing to confirm.
 */
export async function confirmUser(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  user: UserRecord,
): Promise<UserRecord> {
  if (!awaitingConfirmation(user)) return user;
  const now = deps.clock.now();
  const changes: Partial<UserRecord> = {
    confirmedAt: user.confirmedAt ?? now,
    confirmationTokenHash: null,
    updatedAt: now,
  };
  if (user.unconfirmedEmail !== null) {
    changes.email = user.unconfirmedEmail;
    changes.unconfirmedEmail = null;
  }
  try {
    await updateUser(deps.db, user.id, changes);
  } catch (error) {
    // Someone else took the new address between the request and the click.
    if (!isUniqueViolation(error)) throw error;
    throw recordInvalid({ email: [fieldError.taken()] });
  }
  const confirmed = { ...user, ...changes };
  await deps.events.emit('user.confirmed', { userId: user.id, accountId: user.accountId });
  return confirmed;
}
