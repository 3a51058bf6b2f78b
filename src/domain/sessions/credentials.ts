/**
 * Checking an e-mail address and password: the web sign-in form and the OAuth password grant
 * (where, as in Mastodon, the `username` is the e-mail address).
 */
import { findUserByEmail, type UserRecord } from '../../db/repositories/users.ts';
import { hashPassword, verifyPassword } from '../accounts/password.ts';
import type { Deps } from '../context.ts';

let decoy: Promise<string> | null = null;

/**
 * The user with this address and password, or null. An unknown address costs the same hash
 * check as a known one, so the time taken does not tell which addresses have accounts.
 */
export async function checkCredentials(
  deps: Pick<Deps, 'db'>,
  email: string,
  password: string,
): Promise<UserRecord | null> {
  const user = email.trim() === '' ? null : await findUserByEmail(deps.db, email.trim());
  if (!user?.passwordHash) {
    decoy ??= hashPassword('a password nobody has');
    await verifyPassword(await decoy, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}
