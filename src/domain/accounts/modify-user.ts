/**
 * ModifyUser: an admin changing a local user's role, address, confirmation, approval or
 * whether they may sign in (`woolly accounts modify`, later the admin UI). Everything is
 * checked before anything is written, so a bad address leaves the user untouched.
 */
import { isUniqueViolation } from '../../db/database.ts';
import {
  findUserById,
  updateUser,
  type RoleName,
  type UserRecord,
} from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { recordInvalid, fieldError } from '../validation.ts';
import { checkNewEmail, confirmUser, requestConfirmation } from './confirmation.ts';

export interface UserChanges {
  role?: RoleName;
  /**
   * A new address. With `confirm` it replaces the old one at once; without, it waits for the
   * user to confirm it from the mail that is sent (Mastodon's reconfirmable).
   */
  email?: string;
  /** Marks the address (or the new one) confirmed. */
  confirm?: boolean;
  disabled?: boolean;
  /** Approves an account that signed up while registrations needed approval. */
  approve?: boolean;
}

export async function modifyUser(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  user: UserRecord,
  changes: UserChanges,
): Promise<UserRecord> {
  const email = changes.email?.trim();
  if (email !== undefined) {
    const errors = await checkNewEmail(deps, user, email);
    if (errors.length) throw recordInvalid({ email: errors });
  }

  const now = deps.clock.now();
  const direct: Partial<UserRecord> = {};
  if (changes.role !== undefined) direct.role = changes.role;
  if (changes.disabled !== undefined) direct.disabled = changes.disabled;
  const approving = changes.approve === true && !user.approved;
  if (approving) direct.approved = true;
  if (email !== undefined && changes.confirm) {
    // Set by an admin and confirmed by them: no mail, no waiting.
    Object.assign(direct, {
      email,
      unconfirmedEmail: null,
      confirmationTokenHash: null,
      confirmedAt: user.confirmedAt ?? now,
    });
  }
  let current: UserRecord = user;
  if (Object.keys(direct).length) {
    direct.updatedAt = now;
    try {
      await updateUser(deps.db, user.id, direct);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw recordInvalid({ email: [fieldError.taken()] });
    }
    current = { ...user, ...direct };
  }
  if (approving) {
    await deps.events.emit('user.approved', { userId: user.id, accountId: user.accountId });
  }
  if (email !== undefined && changes.confirm) {
    if (user.confirmedAt === null) {
      await deps.events.emit('user.confirmed', { userId: user.id, accountId: user.accountId });
    }
  } else if (email !== undefined) {
    await requestConfirmation(deps, current, { email });
    current = (await findUserById(deps.db, user.id)) ?? current;
  } else if (changes.confirm) {
    current = await confirmUser(deps, current);
  }
  return current;
}
