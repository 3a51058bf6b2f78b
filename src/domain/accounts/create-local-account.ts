/**
 * CreateLocalAccount: the one way a local account comes into being (sign-up through the API,
 * the owner set-up page, `woolly accounts create`). Validates, writes the account and its user
 * in one transaction, then emits `account.created`.
 */
import { validationFailed, type FieldError } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/database.ts';
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
import { newAccountKeyPair } from './keys.ts';
import { hashPassword, passwordMaxLength, passwordMinLength } from './password.ts';
import { checkUsername } from './username.ts';
import { localAccountUris } from './uris.ts';

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
  if (email.trim() === '') return [{ error: 'ERR_BLANK', description: "can't be blank" }];
  if (email.length > 320 || !emailPattern.test(email))
    return [{ error: 'ERR_INVALID', description: 'is invalid' }];
  return [];
}

export function checkPassword(password: string): FieldError[] {
  if (password === '') return [{ error: 'ERR_BLANK', description: "can't be blank" }];
  if (password.length < passwordMinLength) {
    return [
      {
        error: 'ERR_TOO_SHORT',
        description: `is too short (minimum is ${passwordMinLength} characters)`,
      },
    ];
  }
  if (password.length > passwordMaxLength) {
    return [
      {
        error: 'ERR_TOO_LONG',
        description: `is too long (maximum is ${passwordMaxLength} characters)`,
      },
    ];
  }
  return [];
}

export async function createLocalAccount(
  deps: Deps,
  input: NewLocalAccount,
): Promise<{ account: AccountRecord; user: UserRecord }> {
  const details: Record<string, FieldError[]> = {};
  const usernameErrors = checkUsername(input.username, {
    allowReserved: input.allowReservedUsername,
  });
  if (usernameErrors.length === 0 && (await findAccountByUsername(deps.db, input.username, null))) {
    usernameErrors.push({ error: 'ERR_TAKEN', description: 'is already taken' });
  }
  if (usernameErrors.length) details.username = usernameErrors;
  const emailErrors = checkEmail(input.email);
  if (emailErrors.length === 0 && (await findUserByEmail(deps.db, input.email))) {
    emailErrors.push({ error: 'ERR_TAKEN', description: 'is already taken' });
  }
  if (emailErrors.length) details.email = emailErrors;
  if (input.password !== undefined) {
    const passwordErrors = checkPassword(input.password);
    if (passwordErrors.length) details.password = passwordErrors;
  }
  if (Object.keys(details).length) throw validationFailed(details);

  const [keys, passwordHash] = await Promise.all([
    newAccountKeyPair(),
    input.password === undefined ? Promise.resolve(null) : hashPassword(input.password),
  ]);
  const now = deps.clock.now();
  const accountId = deps.ids.next();
  const uris = localAccountUris(deps.config.baseUrl, input.username);
  const account: AccountRecord = {
    id: accountId,
    username: input.username,
    domain: null,
    displayName: '',
    note: '',
    noteSource: '',
    fields: [],
    locked: false,
    bot: false,
    actorType: 'Person',
    discoverable: null,
    indexable: false,
    hideCollections: null,
    memorial: false,
    uri: uris.uri,
    url: uris.url,
    inboxUrl: uris.inbox,
    outboxUrl: uris.outbox,
    sharedInboxUrl: uris.sharedInbox,
    followersUrl: uris.followers,
    followingUrl: uris.following,
    featuredUrl: uris.featured,
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    avatarRemoteUrl: null,
    headerRemoteUrl: null,
    alsoKnownAs: [],
    movedToAccountId: null,
    statusesCount: 0,
    followersCount: 0,
    followingCount: 0,
    lastStatusAt: null,
    suspendedAt: null,
    silencedAt: null,
    sensitizedAt: null,
    fetchedAt: null,
    createdAt: now,
    updatedAt: now,
  };
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
      await insertUser(tx, user);
    });
  } catch (error) {
    // Two sign-ups racing for one name or address: the loser gets the same answer as above.
    if (!isUniqueViolation(error)) throw error;
    const field = /email/.test(String((error as Error).message)) ? 'email' : 'username';
    throw validationFailed({ [field]: [{ error: 'ERR_TAKEN', description: 'is already taken' }] });
  }
  await deps.events.emit('account.created', { accountId, userId: user.id });
  return { account, user };
}
