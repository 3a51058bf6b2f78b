/**
 * What the streaming hub reads to decide who receives a post: the post itself (also once it is
 * deleted, since its deletion goes to the same people), the people who must not see it
 * (blocks either way, mutes, domain blocks) and which of the connected people follow its
 * author. Each is one query per post, whatever the number of connections, instead of
 * Mastodon's one query per post per connection.
 */
import { placeholders, type Queryable } from '../database.ts';
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

/** Which of `candidateIds` follow `targetId`, with whether they want its boosts. */
export async function followersAmong(
  db: Queryable,
  targetId: string,
  candidateIds: readonly string[],
): Promise<Map<string, { showReblogs: boolean }>> {
  const result = new Map<string, { showReblogs: boolean }>();
  // Chunked: a post reaches thousands of connections, and SQLite caps bound parameters.
  for (let i = 0; i < candidateIds.length; i += 500) {
    const chunk = candidateIds.slice(i, i + 500);
    const rows = await db.all<{ account_id: string | number; show_reblogs: unknown }>(
      `SELECT account_id, show_reblogs FROM follows WHERE target_account_id = ? AND account_id IN (${placeholders(chunk.length)})`,
      [targetId, ...chunk],
    );
    for (const r of rows) {
      result.set(String(r.account_id), { showReblogs: Boolean(r.show_reblogs) });
    }
  }
  return result;
}
