/**
 * CreateLocalAccount: the one way a local account comes into being (sign-up through the API,
 * the owner set-up page, `woolly accounts create`). Validates, writes the account and its user
 * in one transaction, then emits `account.created`.
 */
import type { FieldError } from '../../core/errors.ts';
import { isUniqueViolation, type Queryable } from '../../db/database.ts';
import { insertAccountEd25519Keys } from '../../db/repositories/account-ed25519-keys.ts';
import {
  findAccountByUsername,
  insertAccount,
  type AccountRecord,
} from '../../db/repositories/accounts.ts';
import {
  findUserByEmail,
  insertUser,
  type RoleName,
  type UserRecord,
} from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';
import { newEd25519KeyPair } from './ed25519-keys.ts';
import { newAccountKeyPair } from './keys.ts';
import { hashPassword, passwordMaxLength, passwordMinLength } from './password.ts';
import { checkUsername } from './username.ts';
import { localAccountRecord } from './local-account-record.ts';
import { recordInvalid, fieldError, type FieldErrors } from '../validation.ts';

export interface NewLocalAccount {
  username: string;
  email: string;
  /** Omitted: the account has no password until one is reset (CLI-created accounts get one). */
  password?: string;
  role?: RoleName;
  confirmed?: boolean;
  approved?: boolean;
  locale?: string | null;
  reason?: string | null;
  ip?: string | null;
  /** The CLI and the owner set-up may take reserved names such as `admin`. */
  allowReservedUsername?: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string): FieldError[] {
  if (email.trim() === '') return [fieldError.blank()];
  if (email.length > 320 || !emailPattern.test(email)) return [fieldError.invalid()];
  return [];
}

export function checkPassword(password: string): FieldError[] {
  if (password === '') return [fieldError.blank()];
  if (password.length < passwordMinLength) return [fieldError.tooShort(passwordMinLength)];
  if (password.length > passwordMaxLength) return [fieldError.tooLong(passwordMaxLength)];
  return [];
}

export interface CreateOptions {
  /**
   * Problems the caller found with its own fields (sign-up's agreement, locale, reason),
   * reported after the account's own in the same 422, as Mastodon's validations order them.
   */
  moreErrors?: FieldErrors;
  /** Writes that must commit or roll back together with the account (sign-up's token). */
  alsoWrite?: (
    tx: Queryable,
    created: { account: AccountRecord; user: UserRecord },
  ) => Promise<void>;
}

/**
 * Every problem with a new account's username, e-mail and password, in the order Mastodon
 * reports them (the user's e-mail and password first, then the account's username).
 */
export async function checkNewLocalAccount(
  deps: Pick<Deps, 'db'>,
  input: NewLocalAccount,
): Promise<FieldErrors> {
  const details: FieldErrors = {};
  const emailErrors = checkEmail(input.email);
  if (emailErrors.length === 0 && (await findUserByEmail(deps.db, input.email.trim()))) {
    emailErrors.push(fieldError.taken());
  }
  if (emailErrors.length) details.email = emailErrors;
  if (input.password !== undefined) {
    const passwordErrors = checkPassword(input.password);
    if (passwordErrors.length) details.password = passwordErrors;
  }
  const usernameErrors = checkUsername(input.username, {
    allowReserved: input.allowReservedUsername,
  });
  if (
    input.username.trim() !== '' &&
    (await findAccountByUsername(deps.db, input.username, null))
  ) {
    // Rails reports a taken name after its format and length, before it is reserved.
    const at = usernameErrors.findIndex((e) => e.error === 'ERR_RESERVED');
    usernameErrors.splice(at === -1 ? usernameErrors.length : at, 0, fieldError.taken());
  }
  if (usernameErrors.length) details.username = usernameErrors;
  return details;
}

export async function createLocalAccount(
  deps: Deps,
  input: NewLocalAccount,
  options: CreateOptions = {},
): Promise<{ account: AccountRecord; user: UserRecord }> {
  const details = { ...(await checkNewLocalAccount(deps, input)), ...options.moreErrors };
  if (Object.keys(details).length) throw recordInvalid(details);

  const [keys, ed25519Keys, passwordHash] = await Promise.all([
    newAccountKeyPair(),
    newEd25519KeyPair(),
    input.password === undefined ? Promise.resolve(null) : hashPassword(input.password),
  ]);
  const now = deps.clock.now();
  const accountId = deps.ids.next();
  const account = localAccountRecord({
    id: accountId,
    username: input.username,
    baseUrl: deps.config.baseUrl,
    now,
    keys,
  });
  const user: UserRecord = {
    id: deps.ids.next(),
    accountId,
    email: input.email.trim(),
    unconfirmedEmail: null,
    passwordHash,
    role: input.role ?? 'User',
    confirmedAt: input.confirmed ? now : null,
    confirmationTokenHash: null,
    confirmationSentAt: null,
    resetPasswordTokenHash: null,
    resetPasswordSentAt: null,
    approved: input.approved ?? true,
    disabled: false,
    locale: input.locale ?? null,
    signUpReason: input.reason ?? null,
    signUpIp: input.ip ?? null,
    settings: {},
    chosenLanguages: null,
    lastSignInAt: null,
    lastSignInIp: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.db.transaction(async (tx) => {
      await insertAccount(tx, account);
      await insertAccountEd25519Keys(tx, accountId, ed25519Keys, now);
      await insertUser(tx, user);
      await options.alsoWrite?.(tx, { account, user });
    });
  } catch (error) {
    // Two sign-ups racing for one name or address: the loser gets the same answer as above.
    if (!isUniqueViolation(error)) throw error;
    const field = /email/.test(String((error as Error).message)) ? 'email' : 'username';
    throw recordInvalid({ [field]: [fieldError.taken()] });
  }
  await deps.events.emit('account.created', { accountId, userId: user.id });
  return { account, user };
}
