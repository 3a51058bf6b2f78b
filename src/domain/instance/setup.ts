/**
 * The first Owner of a new instance, created in the browser through a one-time link that
 * `woolly start` (or `woolly setup`) prints while no local account exists. The link carries
 * a token of which only the hash is stored; it dies when used, when a new link is made, or as
 * soon as any local account exists.
 */
import { AppError, type FieldError } from '../../core/errors.ts';
import { hashToken, newToken, safeEqual } from '../../core/tokens.ts';
import { countLocalAccounts, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  claimOwnerSetupTokenHash,
  deleteOwnerSetupTokenHash,
  readOwnerSetupTokenHash,
  writeOwnerSetupTokenHash,
} from '../../db/repositories/owner-setup.ts';
import type { UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { recordInvalid } from '../validation.ts';
import { checkEmail, checkPassword, createLocalAccount } from '../accounts/create-local-account.ts';
import { checkUsername } from '../accounts/username.ts';

export const setupLinkInvalid = 'This set-up link is no longer valid';

export function ownerSetupUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/setup?token=${encodeURIComponent(token)}`;
}

/**
 * A fresh set-up link (any earlier one stops working), or null when the instance already has
 * a local account and so needs none.
 */
export async function createOwnerSetupLink(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
): Promise<string | null> {
  if ((await countLocalAccounts(deps.db)) > 0) {
    await deleteOwnerSetupTokenHash(deps.db);
    return null;
  }
  const token = newToken();
  await writeOwnerSetupTokenHash(deps.db, hashToken(token), deps.clock.now());
  return ownerSetupUrl(deps.config.baseUrl, token);
}

/** True while `token` is the current set-up token and no local account exists. */
export async function isOwnerSetupTokenValid(
  deps: Pick<Deps, 'db'>,
  token: string,
): Promise<boolean> {
  if (!token) return false;
  const stored = await readOwnerSetupTokenHash(deps.db);
  if (!stored || !safeEqual(stored, hashToken(token))) return false;
  return (await countLocalAccounts(deps.db)) === 0;
}

export interface OwnerSetupInput {
  token: string;
  username: string;
  email: string;
  password: string;
  passwordConfirmation: string;
}

/**
 * Creates the Owner: confirmed and approved, password set, reserved names allowed (it may be
 * called `admin`). The link dies with it. Throws 404 when the link is not (or no longer) valid
 * and Mastodon's 422 when a field is wrong, in which case the link keeps working.
 */
export async function completeOwnerSetup(
  deps: Deps,
  input: OwnerSetupInput,
): Promise<{ account: AccountRecord; user: UserRecord }> {
  if (!(await isOwnerSetupTokenValid(deps, input.token))) throw new AppError(404, setupLinkInvalid);
  // Check what can be checked before the token is spent, so a typo does not kill the link.
  const details: Record<string, FieldError[]> = {};
  const username = checkUsername(input.username, { allowReserved: true });
  if (username.length) details.username = username;
  const email = checkEmail(input.email);
  if (email.length) details.email = email;
  const password = checkPassword(input.password);
  if (password.length) details.password = password;
  else if (input.password !== input.passwordConfirmation) {
    details.password_confirmation = [
      { error: 'ERR_CONFIRMATION', description: "doesn't match Password" },
    ];
  }
  if (Object.keys(details).length) throw recordInvalid(details);

  const hash = hashToken(input.token);
  if (!(await claimOwnerSetupTokenHash(deps.db, hash))) throw new AppError(404, setupLinkInvalid);
  // Someone may have run `woolly accounts create` since the check above.
  if ((await countLocalAccounts(deps.db)) > 0) throw new AppError(404, setupLinkInvalid);
  try {
    return await createLocalAccount(deps, {
      username: input.username,
      email: input.email,
      password: input.password,
      role: 'Owner',
      confirmed: true,
      approved: true,
      allowReservedUsername: true,
    });
  } catch (error) {
    await writeOwnerSetupTokenHash(deps.db, hash, deps.clock.now());
    throw error;
  }
}
