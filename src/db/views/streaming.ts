/**
 * What the streaming hub reads to decide who receives a post: the post itself (also once it is
 * deleted, since its deletion goes to the same people), the people who must not see it
 * (blocks either way, mutes, domain blocks), and which of the connected people follow its
 * author or its hashtags and which streamed lists hold its author. Each is one query per post
 * (in chunks of connections), instead of Mastodon's one query per post per connection.
 */
import { placeholders, type Queryable } from '../database.ts';
import { listFromRow, type ListRecord } from '../repositories/lists.ts';
import { statusFromRow, type StatusRecord } from '../repositories/statuses.ts';

/** The status `id`, deleted or not. */
export async function findStatusEvenDeleted(
  db: Queryable,
  id: string,
): Promise<StatusRecord | null> {
  const row = await db.get('SELECT * FROM statuses WHERE id = ?', [id]);
  return row ? statusFromRow(row) : null;
}

/**
 * The accounts that must not be shown a post by `authorId` involving `accountIds` (the
 * author, the people it mentions, a boosted post's author): those who block or mute any of
 * them, those the author blocks, and those who block the author's domain.
 */
export async function accountsExcludedFrom(
  db: Queryable,
  input: {
    authorId: string;
    accountIds: readonly string[];
    authorDomain: string | null;
    now: number;
  },
): Promise<Set<string>> {
  const ids = [...new Set([input.authorId, ...input.accountIds])];
  const marks = placeholders(ids.length);
  const parts = [
    `SELECT account_id AS id FROM blocks WHERE target_account_id IN (${marks})`,
    'SELECT target_account_id AS id FROM blocks WHERE account_id = ?',
    `SELECT account_id AS id FROM mutes WHERE target_account_id IN (${marks}) AND (expires_at IS NULL OR expires_at > ?)`,
  ];
  const params: (string | number)[] = [...ids, input.authorId, ...ids, Math.trunc(input.now)];
  if (input.authorDomain !== null) {
    parts.push('SELECT account_id AS id FROM account_domain_blocks WHERE domain = ?');
    params.push(input.authorDomain.toLowerCase());
  }
  const rows = await db.all<{ id: string | number }>(parts.join(' UNION '), params);
  return new Set(rows.map((r) => String(r.id)));
}

/** A follow of the author by a connected account, with the options the feed rules read. */
export interface ConnectedFollower {
  accountId: string;
  showReblogs: boolean;
  languages: string[] | null;
}

/** Runs `query` over `ids` in chunks: SQLite caps the number of bound parameters. */
async function chunked<T>(
  ids: readonly string[],
  query: (chunk: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await query(ids.slice(i, i + 500))));
  return out;
}

/** Which of `candidateIds` follow `targetId` (only the mentioned ones for a direct post). */
export async function followersAmong(
  db: Queryable,
  targetId: string,
  candidateIds: readonly string[],
): Promise<ConnectedFollower[]> {
  return chunked(candidateIds, async (chunk) => {
    const rows = await db.all<{
      account_id: string | number;
      show_reblogs: unknown;
      languages: unknown;
    }>(
      `SELECT account_id, show_reblogs, languages FROM follows WHERE target_account_id = ? AND account_id IN (${placeholders(chunk.length)})`,
      [targetId, ...chunk],
    );
    return rows.map((r) => ({
      accountId: String(r.account_id),
      showReblogs: Boolean(r.show_reblogs),
      languages: r.languages ? (JSON.parse(String(r.languages)) as string[]) : null,
    }));
  });
}

/** Which of `candidateIds` follow one of the hashtags of `statusId`. */
export async function tagFollowersAmong(
  db: Queryable,
  statusId: string,
  candidateIds: readonly string[],
): Promise<string[]> {
  return chunked(candidateIds, async (chunk) => {
    const rows = await db.all<{ account_id: string | number }>(
      `SELECT DISTINCT tf.account_id FROM statuses_tags st JOIN tag_follows tf ON tf.tag_id = st.tag_id
        WHERE st.status_id = ? AND tf.account_id IN (${placeholders(chunk.length)})`,
      [statusId, ...chunk],
    );
    return rows.map((r) => String(r.account_id));
  });
}

/**
 * Which of the lists `listIds` (those someone streams) hold `authorId`, when their owner
 * follows the author or is the author, as fan-out chooses the lists a post enters.
 */
export async function listsHoldingAmong(
  db: Queryable,
  authorId: string,
  listIds: readonly string[],
): Promise<ListRecord[]> {
  return chunked(listIds, async (chunk) => {
    const rows = await db.all(
      `SELECT l.* FROM lists l JOIN list_accounts la ON la.list_id = l.id
        WHERE la.account_id = ? AND l.id IN (${placeholders(chunk.length)})
          AND (l.account_id = la.account_id OR EXISTS (
            SELECT 1 FROM follows f WHERE f.account_id = l.account_id AND f.target_account_id = la.account_id))`,
      [authorId, ...chunk],
    );
    return rows.map(listFromRow);
  });
}

/** Which of `listIds` hold `accountId`. */
export async function listsWithMember(
  db: Queryable,
  listIds: readonly string[],
  accountId: string,
): Promise<Set<string>> {
  const rows = await chunked(listIds, (chunk) =>
    db.all<{ list_id: string | number }>(
      `SELECT list_id FROM list_accounts WHERE account_id = ? AND list_id IN (${placeholders(chunk.length)})`,
      [accountId, ...chunk],
    ),
  );
  return new Set(rows.map((r) => String(r.list_id)));
}

/**
 * Which of `accountIds` have unexpired filters for the public context: their public and
 * hashtag frames are rendered for them (with `filtered`, or left out by a `hide` filter).
 */
export async function accountsFilteringPublic(
  db: Queryable,
  accountIds: readonly string[],
  now: number,
): Promise<Set<string>> {
  const rows = await chunked(accountIds, (chunk) =>
    db.all<{ account_id: string | number; context: string }>(
      `SELECT account_id, context FROM custom_filters
        WHERE account_id IN (${placeholders(chunk.length)}) AND (expires_at IS NULL OR expires_at > ?)`,
      [...chunk, Math.trunc(now)],
    ),
  );
  return new Set(
    rows
      .filter((r) => String(r.context).split(',').includes('public'))
      .map((r) => String(r.account_id)),
  );
}

/** Which of `tokenIds` are still valid (neither revoked nor expired). */
export async function liveTokenIds(
  db: Queryable,
  tokenIds: readonly string[],
  now: number,
): Promise<Set<string>> {
  const rows = await chunked(tokenIds, (chunk) =>
    db.all<{ id: string | number }>(
      `SELECT id FROM oauth_access_tokens WHERE id IN (${placeholders(chunk.length)})
         AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
      [...chunk, Math.trunc(now)],
    ),
  );
  return new Set(rows.map((r) => String(r.id)));
}
