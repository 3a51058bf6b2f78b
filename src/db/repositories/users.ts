/** Reads and writes of the `users` table: the sign-in side of a local account. */
import type { Queryable, Row } from '../database.ts';

export type RoleName = 'Owner' | 'Admin' | 'Moderator' | 'User';

export interface UserSettings {
  default_privacy?: 'public' | 'unlisted' | 'private' | 'direct';
  default_sensitive?: boolean;
  default_language?: string | null;
  expand_spoilers?: boolean;
  expand_media?: 'default' | 'show_all' | 'hide_all';
  default_quote_policy?: 'public' | 'followers' | 'nobody';
  /** Ask search engines not to index the profile (Mastodon's `noindex`). */
  noindex?: boolean;
}

export interface UserRecord {
  id: string;
  accountId: string;
  email: string;
  unconfirmedEmail: string | null;
  passwordHash: string | null;
  role: RoleName;
  confirmedAt: number | null;
  confirmationTokenHash: string | null;
  confirmationSentAt: number | null;
  resetPasswordTokenHash: string | null;
  resetPasswordSentAt: number | null;
  approved: boolean;
  disabled: boolean;
  locale: string | null;
  signUpReason: string | null;
  signUpIp: string | null;
  settings: UserSettings;
  chosenLanguages: string[] | null;
  lastSignInAt: number | null;
  lastSignInIp: string | null;
  createdAt: number;
  updatedAt: number;
}

const columns: Record<keyof UserRecord, string> = {
  id: 'id',
  accountId: 'account_id',
  email: 'email',
  unconfirmedEmail: 'unconfirmed_email',
  passwordHash: 'password_hash',
  role: 'role',
  confirmedAt: 'confirmed_at',
  confirmationTokenHash: 'confirmation_token_hash',
  confirmationSentAt: 'confirmation_sent_at',
  resetPasswordTokenHash: 'reset_password_token_hash',
  resetPasswordSentAt: 'reset_password_sent_at',
  approved: 'approved',
  disabled: 'disabled',
  locale: 'locale',
  signUpReason: 'sign_up_reason',
  signUpIp: 'sign_up_ip',
  settings: 'settings',
  chosenLanguages: 'chosen_languages',
  lastSignInAt: 'last_sign_in_at',
  lastSignInIp: 'last_sign_in_ip',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function userFromRow(row: Row): UserRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    email: String(row.email),
    unconfirmedEmail: str(row.unconfirmed_email),
    passwordHash: str(row.password_hash),
    role: String(row.role) as RoleName,
    confirmedAt: num(row.confirmed_at),
    confirmationTokenHash: str(row.confirmation_token_hash),
    confirmationSentAt: num(row.confirmation_sent_at),
    resetPasswordTokenHash: str(row.reset_password_token_hash),
    resetPasswordSentAt: num(row.reset_password_sent_at),
    approved: Boolean(row.approved),
    disabled: Boolean(row.disabled),
    locale: str(row.locale),
    signUpReason: str(row.sign_up_reason),
    signUpIp: str(row.sign_up_ip),
    settings: JSON.parse(String(row.settings)) as UserSettings,
    chosenLanguages: row.chosen_languages
      ? (JSON.parse(String(row.chosen_languages)) as string[])
      : null,
    lastSignInAt: num(row.last_sign_in_at),
    lastSignInIp: str(row.last_sign_in_ip),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toSql(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

export async function insertUser(db: Queryable, user: UserRecord): Promise<void> {
  const keys = Object.keys(columns) as (keyof UserRecord)[];
  await db.run(
    `INSERT INTO users (${keys.map((k) => columns[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    keys.map((k) => toSql(user[k])),
  );
}

export async function updateUser(
  db: Queryable,
  id: string,
  changes: Partial<Omit<UserRecord, 'id'>>,
): Promise<void> {
  const keys = Object.keys(changes) as (keyof typeof changes & keyof UserRecord)[];
  if (keys.length === 0) return;
  await db.run(`UPDATE users SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`, [
    ...keys.map((k) => toSql(changes[k])),
    id,
  ]);
}

export async function findUserById(db: Queryable, id: string): Promise<UserRecord | null> {
  const row = await db.get('SELECT * FROM users WHERE id = ?', [id]);
  return row ? userFromRow(row) : null;
}

export async function findUserByAccountId(
  db: Queryable,
  accountId: string,
): Promise<UserRecord | null> {
  const row = await db.get('SELECT * FROM users WHERE account_id = ?', [accountId]);
  return row ? userFromRow(row) : null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRecord | null> {
  const row = await db.get('SELECT * FROM users WHERE lower(email) = lower(?)', [email]);
  return row ? userFromRow(row) : null;
}

export async function findUserByTokenHash(
  db: Queryable,
  kind: 'confirmation' | 'reset_password',
  hash: string,
): Promise<UserRecord | null> {
  const column = kind === 'confirmation' ? 'confirmation_token_hash' : 'reset_password_token_hash';
  const row = await db.get(`SELECT * FROM users WHERE ${column} = ?`, [hash]);
  return row ? userFromRow(row) : null;
}

/** The users behind several local accounts at once (for serializing lists of accounts). */
export async function findUsersByAccountIds(
  db: Queryable,
  accountIds: readonly string[],
): Promise<UserRecord[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM users WHERE account_id IN (${accountIds.map(() => '?').join(', ')})`,
    accountIds,
  );
  return rows.map(userFromRow);
}
