/** Reads and writes of the `accounts` table. */
import type { Queryable, Row } from '../database.ts';

export interface ProfileField {
  name: string;
  /** HTML. */
  value: string;
  /** The text a local user typed, from which `value` was rendered (absent for remote accounts). */
  source?: string;
  verified_at: string | null;
}

export interface AccountRecord {
  id: string;
  username: string;
  /** null for local accounts. */
  domain: string | null;
  displayName: string;
  /** HTML. */
  note: string;
  /** The text a local user typed, from which `note` was rendered. */
  noteSource: string;
  fields: ProfileField[];
  locked: boolean;
  bot: boolean;
  actorType: string;
  discoverable: boolean | null;
  indexable: boolean;
  hideCollections: boolean | null;
  memorial: boolean;
  uri: string;
  url: string | null;
  inboxUrl: string | null;
  outboxUrl: string | null;
  sharedInboxUrl: string | null;
  followersUrl: string | null;
  followingUrl: string | null;
  featuredUrl: string | null;
  publicKey: string;
  privateKey: string | null;
  avatarRemoteUrl: string | null;
  headerRemoteUrl: string | null;
  alsoKnownAs: string[];
  movedToAccountId: string | null;
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  lastStatusAt: number | null;
  suspendedAt: number | null;
  silencedAt: number | null;
  sensitizedAt: number | null;
  fetchedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const boolOrNull = (v: unknown): boolean | null =>
  v === null || v === undefined ? null : Boolean(v);

export function accountFromRow(row: Row): AccountRecord {
  return {
    id: String(row.id),
    username: String(row.username),
    domain: str(row.domain),
    displayName: String(row.display_name),
    note: String(row.note),
    noteSource: String(row.note_source),
    fields: JSON.parse(String(row.fields)) as ProfileField[],
    locked: Boolean(row.locked),
    bot: Boolean(row.bot),
    actorType: String(row.actor_type),
    discoverable: boolOrNull(row.discoverable),
    indexable: Boolean(row.indexable),
    hideCollections: boolOrNull(row.hide_collections),
    memorial: Boolean(row.memorial),
    uri: String(row.uri),
    url: str(row.url),
    inboxUrl: str(row.inbox_url),
    outboxUrl: str(row.outbox_url),
    sharedInboxUrl: str(row.shared_inbox_url),
    followersUrl: str(row.followers_url),
    followingUrl: str(row.following_url),
    featuredUrl: str(row.featured_url),
    publicKey: String(row.public_key),
    privateKey: str(row.private_key),
    avatarRemoteUrl: str(row.avatar_remote_url),
    headerRemoteUrl: str(row.header_remote_url),
    alsoKnownAs: JSON.parse(String(row.also_known_as)) as string[],
    movedToAccountId: str(row.moved_to_account_id),
    statusesCount: Number(row.statuses_count),
    followersCount: Number(row.followers_count),
    followingCount: Number(row.following_count),
    lastStatusAt: num(row.last_status_at),
    suspendedAt: num(row.suspended_at),
    silencedAt: num(row.silenced_at),
    sensitizedAt: num(row.sensitized_at),
    fetchedAt: num(row.fetched_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const columns: Record<keyof AccountRecord, string> = {
  id: 'id',
  username: 'username',
  domain: 'domain',
  displayName: 'display_name',
  note: 'note',
  noteSource: 'note_source',
  fields: 'fields',
  locked: 'locked',
  bot: 'bot',
  actorType: 'actor_type',
  discoverable: 'discoverable',
  indexable: 'indexable',
  hideCollections: 'hide_collections',
  memorial: 'memorial',
  uri: 'uri',
  url: 'url',
  inboxUrl: 'inbox_url',
  outboxUrl: 'outbox_url',
  sharedInboxUrl: 'shared_inbox_url',
  followersUrl: 'followers_url',
  followingUrl: 'following_url',
  featuredUrl: 'featured_url',
  publicKey: 'public_key',
  privateKey: 'private_key',
  avatarRemoteUrl: 'avatar_remote_url',
  headerRemoteUrl: 'header_remote_url',
  alsoKnownAs: 'also_known_as',
  movedToAccountId: 'moved_to_account_id',
  statusesCount: 'statuses_count',
  followersCount: 'followers_count',
  followingCount: 'following_count',
  lastStatusAt: 'last_status_at',
  suspendedAt: 'suspended_at',
  silencedAt: 'silenced_at',
  sensitizedAt: 'sensitized_at',
  fetchedAt: 'fetched_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

function toSql(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return JSON.stringify(value);
  return value as string | number | boolean;
}

export async function insertAccount(db: Queryable, account: AccountRecord): Promise<void> {
  const keys = Object.keys(columns) as (keyof AccountRecord)[];
  await db.run(
    `INSERT INTO accounts (${keys.map((k) => columns[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    keys.map((k) => toSql(account[k])),
  );
}

/** Writes the given fields of one account. Counters have their own atomic updates. */
export async function updateAccount(
  db: Queryable,
  id: string,
  changes: Partial<
    Omit<AccountRecord, 'id' | 'statusesCount' | 'followersCount' | 'followingCount'>
  >,
): Promise<void> {
  const keys = Object.keys(changes) as (keyof typeof changes & keyof AccountRecord)[];
  if (keys.length === 0) return;
  await db.run(
    `UPDATE accounts SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`,
    [...keys.map((k) => toSql(changes[k])), id],
  );
}

export async function findAccountById(db: Queryable, id: string): Promise<AccountRecord | null> {
  const row = await db.get('SELECT * FROM accounts WHERE id = ?', [id]);
  return row ? accountFromRow(row) : null;
}

export async function findAccountsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<AccountRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM accounts WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return rows.map(accountFromRow);
}

/** Case-insensitive lookup; `domain` null finds a local account. */
export async function findAccountByUsername(
  db: Queryable,
  username: string,
  domain: string | null,
): Promise<AccountRecord | null> {
  const row = await db.get(
    "SELECT * FROM accounts WHERE lower(username) = lower(?) AND COALESCE(lower(domain), '') = COALESCE(lower(?), '')",
    [username, domain],
  );
  return row ? accountFromRow(row) : null;
}

export async function deleteAccountRow(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM accounts WHERE id = ?', [id]);
}

export async function countLocalAccounts(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM accounts WHERE domain IS NULL',
  );
  return Number(row?.n ?? 0);
}

/**
 * Counts a follow that began (`delta` 1) or ended (-1): the follower's `following_count` and
 * the followed account's `followers_count`, each in one `x = x + delta` statement so that
 * concurrent follows and unfollows never lose a count. Call it in the transaction that
 * inserts or deletes the follow row, and only when that row really changed. The two rows are
 * updated in id order, so two transactions counting follows between the same two accounts
 * (A follows B while B follows A) never wait on each other in a cycle.
 */
export async function countFollow(
  db: Queryable,
  followerId: string,
  followedId: string,
  delta: number,
): Promise<void> {
  const updates: [string, 'following_count' | 'followers_count'][] = [
    [followerId, 'following_count'],
    [followedId, 'followers_count'],
  ];
  if (BigInt(followedId) < BigInt(followerId)) updates.reverse();
  for (const [id, counter] of updates) {
    await db.run(
      `UPDATE accounts SET ${counter} = CASE WHEN ${counter} + ? < 0 THEN 0 ELSE ${counter} + ? END WHERE id = ?`,
      [delta, delta, id],
    );
  }
}

/** The account with this ActivityPub id (local or remote), or null. */
export async function findAccountByUri(db: Queryable, uri: string): Promise<AccountRecord | null> {
  const row = await db.get('SELECT * FROM accounts WHERE uri = ?', [uri]);
  return row ? accountFromRow(row) : null;
}

/** The accounts, among `uris`, that are known (in no particular order). */
export async function findAccountsByUris(
  db: Queryable,
  uris: readonly string[],
): Promise<AccountRecord[]> {
  if (uris.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM accounts WHERE uri IN (${uris.map(() => '?').join(', ')})`,
    uris,
  );
  return rows.map(accountFromRow);
}
