/**
 * The full-text index of posts (`status_search`, see migration 0020): SQLite's FTS5 table or
 * PostgreSQL's tsvector column, written and queried from the same tokens, and the one search
 * query both run: matching posts the searcher may find, newest first.
 */
import {
  placeholders,
  type Database,
  type Queryable,
  type Row,
  type SqlValue,
} from '../database.ts';

/** Phrases (lists of tokens) a post must hold, and ones it must not. */
export interface TokenQuery {
  include: string[][];
  exclude: string[][];
}

export interface StatusSearch {
  query: TokenQuery;
  /** The searcher: their own posts and posts they interacted with are found too. */
  searcherId: string;
  /** Only posts of these authors, when given. */
  authorIds: readonly string[] | null;
  maxId: string | null;
  minId: string | null;
  limit: number;
  offset: number;
}

// PostgreSQL keeps positions up to 16,383 and 256 per lexeme.
const maxPosition = 16_383;
const maxPositionsPerToken = 256;

/** A tsvector literal of `tokens`, with positions so that phrases match. */
function tsvectorLiteral(tokens: readonly string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const list = positions.get(token) ?? [];
    if (list.length < maxPositionsPerToken) list.push(Math.min(i + 1, maxPosition));
    positions.set(token, list);
  });
  return [...positions]
    .map(([token, at]) => `'${token.replace(/'/g, "''")}':${[...new Set(at)].join(',')}`)
    .join(' ');
}

const ftsPhrase = (tokens: readonly string[]) => `"${tokens.join(' ').replace(/"/g, '""')}"`;
const tsPhrase = (tokens: readonly string[]) =>
  `(${tokens.map((t) => `'${t.replace(/'/g, "''")}'`).join(' <-> ')})`;

/** The query in the dialect's own syntax; null when it asks for nothing. */
function matchExpression(dialect: 'sqlite' | 'postgres', query: TokenQuery): string | null {
  if (query.include.length === 0) return null;
  if (dialect === 'sqlite') {
    const include = `(${query.include.map(ftsPhrase).join(' ')})`;
    return [include, ...query.exclude.map(ftsPhrase)].join(' NOT ');
  }
  return [...query.include.map(tsPhrase), ...query.exclude.map((p) => `!${tsPhrase(p)}`)].join(
    ' & ',
  );
}

/**
 * Indexes (or re-indexes) a post; a post with no words is left out of the index. Takes the
 * dialect apart from the connection so that it can run inside a transaction.
 */
export async function writeStatusDocument(
  db: Queryable,
  dialect: Database['dialect'],
  statusId: string,
  tokens: readonly string[],
): Promise<void> {
  if (dialect === 'sqlite') {
    // FTS5 (with contentless_delete) replaces a row of the same rowid: one statement.
    if (tokens.length === 0) {
      await db.run('DELETE FROM status_search WHERE rowid = ?', [statusId]);
    } else {
      await db.run('INSERT OR REPLACE INTO status_search (rowid, body) VALUES (?, ?)', [
        statusId,
        tokens.join(' '),
      ]);
    }
    return;
  }
  if (tokens.length === 0) {
    await db.run('DELETE FROM status_search WHERE status_id = ?', [statusId]);
    return;
  }
  await db.run(
    `INSERT INTO status_search (status_id, body) VALUES (?, CAST(? AS tsvector))
     ON CONFLICT (status_id) DO UPDATE SET body = EXCLUDED.body`,
    [statusId, tsvectorLiteral(tokens)],
  );
}

/**
 * Indexes many posts at once, for a rebuild of an emptied index: one multi-row INSERT per
 * call on PostgreSQL (a round trip per post would dominate), plain inserts on SQLite.
 */
export async function insertStatusDocuments(
  db: Queryable,
  dialect: Database['dialect'],
  documents: readonly { statusId: string; tokens: readonly string[] }[],
): Promise<void> {
  const rows = documents.filter((d) => d.tokens.length > 0);
  if (rows.length === 0) return;
  if (dialect === 'sqlite') {
    for (const row of rows) await writeStatusDocument(db, dialect, row.statusId, row.tokens);
    return;
  }
  await db.run(
    `INSERT INTO status_search (status_id, body) VALUES ${rows.map(() => '(?, CAST(? AS tsvector))').join(', ')}
     ON CONFLICT (status_id) DO UPDATE SET body = EXCLUDED.body`,
    rows.flatMap((row) => [row.statusId, tsvectorLiteral(row.tokens)]),
  );
}

export async function deleteStatusDocument(db: Database, statusId: string): Promise<void> {
  const key = db.dialect === 'sqlite' ? 'rowid' : 'status_id';
  await db.run(`DELETE FROM status_search WHERE ${key} = ?`, [statusId]);
}

export async function clearStatusIndex(db: Database): Promise<void> {
  await db.run('DELETE FROM status_search');
}

export async function countStatusDocuments(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM status_search');
  return Number(row?.n ?? 0);
}

/**
 * The ids of the posts matching `search.query` that the searcher may find, newest first:
 * public posts of authors who opted in (`indexable`), plus, whatever their author chose, the
 * searcher's own posts and those they were mentioned in, favourited, boosted, bookmarked or
 * voted in (Mastodon's `searchable_by`). Boosts are not searched; deleted posts are not found.
 */
export async function searchStatusIds(db: Database, search: StatusSearch): Promise<string[]> {
  const match = matchExpression(db.dialect, search.query);
  if (match === null) return [];
  const me = search.searcherId;
  let extra = '';
  const extraParams: SqlValue[] = [];
  if (search.authorIds !== null) {
    if (search.authorIds.length === 0) return [];
    extra += ` AND s.account_id IN (${placeholders(search.authorIds.length)})`;
    extraParams.push(...search.authorIds);
  }
  if (search.maxId !== null) {
    extra += ' AND s.id < ?';
    extraParams.push(search.maxId);
  }
  if (search.minId !== null) {
    extra += ' AND s.id > ?';
    extraParams.push(search.minId);
  }
  // The id bounds also bound the matches themselves, so that a common word read over a
  // short stretch of time gathers only that stretch's matches (FTS5 and the GIN index both
  // narrow by id), not every post that holds it.
  const key = db.dialect === 'sqlite' ? 'rowid' : 'status_id';
  let matchBounds = '';
  const matchParams: SqlValue[] = [match];
  if (search.maxId !== null) {
    matchBounds += ` AND ${key} < ?`;
    matchParams.push(search.maxId);
  }
  if (search.minId !== null) {
    matchBounds += ` AND ${key} > ?`;
    matchParams.push(search.minId);
  }
  const live = 's.deleted_at IS NULL AND s.reblog_of_id IS NULL AND a.suspended_at IS NULL';
  // What the searcher touched: mentioned in, favourited, bookmarked, boosted, voted in.
  const touched = `SELECT status_id FROM mentions WHERE account_id = ?
    UNION ALL SELECT status_id FROM favourites WHERE account_id = ?
    UNION ALL SELECT status_id FROM bookmarks WHERE account_id = ?
    UNION ALL SELECT reblog_of_id FROM statuses
               WHERE account_id = ? AND reblog_of_id IS NOT NULL AND deleted_at IS NULL
    UNION ALL SELECT p.status_id FROM poll_votes v JOIN polls p ON p.id = v.poll_id
               WHERE v.account_id = ?`;
  let sql: string;
  let params: SqlValue[];
  if (db.dialect === 'sqlite') {
    // SQLite walks the posts newest first probing the set of matches and the set touched,
    // and stops at the page's end: fastest for common words.
    sql = `SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id
      WHERE s.id IN (SELECT rowid FROM status_search WHERE status_search MATCH ?${matchBounds})
        AND ${live}
        AND ((s.visibility = 'public' AND a.indexable = TRUE) OR s.account_id = ?
          OR s.id IN (${touched}))${extra}
      ORDER BY s.id DESC LIMIT ? OFFSET ?`;
    params = [...matchParams, me, me, me, me, me, me, ...extraParams];
  } else {
    // PostgreSQL gathers the matches first (MATERIALIZED) from the GIN index, then joins them
    // with each way a post may be found: joins it plans well, where one OR of subqueries can
    // turn into a subquery run for every match.
    const from = `FROM matched x JOIN statuses s ON s.id = x.id JOIN accounts a ON a.id = s.account_id`;
    sql = `WITH matched AS MATERIALIZED (
        SELECT status_id AS id FROM status_search WHERE body @@ CAST(? AS tsquery)${matchBounds})
      SELECT id FROM (
        SELECT s.id ${from}
          WHERE s.visibility = 'public' AND a.indexable = TRUE AND ${live}${extra}
        UNION
        SELECT s.id ${from} WHERE s.account_id = ? AND ${live}${extra}
        UNION
        SELECT s.id ${from} JOIN (${touched}) t ON t.status_id = s.id WHERE ${live}${extra}
      ) found ORDER BY id DESC LIMIT ? OFFSET ?`;
    params = [
      ...matchParams,
      ...extraParams,
      me,
      ...extraParams,
      me,
      me,
      me,
      me,
      me,
      ...extraParams,
    ];
  }
  params.push(search.limit, search.offset);
  const rows = await db.all<{ id: string | number }>(sql, params);
  return rows.map((r) => String(r.id));
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Accounts search may find: not suspended or moved; local ones confirmed and approved. */
const searchableAccount = `a.suspended_at IS NULL AND a.moved_to_account_id IS NULL
  AND (a.domain IS NOT NULL OR EXISTS (SELECT 1 FROM users u
    WHERE u.account_id = a.id AND u.confirmed_at IS NOT NULL AND u.approved = TRUE))`;

export interface AccountCandidateSearch {
  /** Lower-cased start of the username. */
  username: string;
  /** Lower-cased start of the domain, when the query names one. */
  domain: string | null;
  /** Lower-cased start of a word of the display name; null when the query names a domain. */
  displayName: string | null;
  /** Only accounts this account follows. */
  followedBy: string | null;
  limit: number;
}

/**
 * Accounts whose username, domain or a word of whose display name starts as searched; the
 * most followed first, at most `limit` (they are ranked afterwards by the caller).
 */
export async function findAccountCandidates(
  db: Queryable,
  search: AccountCandidateSearch,
): Promise<Row[]> {
  const params: SqlValue[] = [];
  let match = "lower(a.username) LIKE ? ESCAPE '\\'";
  params.push(likePrefix(search.username));
  if (search.domain !== null) {
    match += " AND lower(a.domain) LIKE ? ESCAPE '\\'";
    params.push(likePrefix(search.domain));
  } else if (search.displayName !== null) {
    match = `(${match} OR lower(a.display_name) LIKE ? ESCAPE '\\' OR lower(a.display_name) LIKE ? ESCAPE '\\')`;
    params.push(likePrefix(search.displayName), `% ${likePrefix(search.displayName)}`);
  }
  let following = '';
  if (search.followedBy !== null) {
    following =
      'AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ? AND f.target_account_id = a.id)';
    params.push(search.followedBy);
  }
  params.push(search.limit);
  return db.all(
    `SELECT a.* FROM accounts a WHERE ${match} AND ${searchableAccount} ${following}
      ORDER BY a.followers_count DESC, a.id LIMIT ?`,
    params,
  );
}

/** The accounts among `ids` that `accountId` follows. */
export async function findFollowedAmong(
  db: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.all<{ id: string | number }>(
    `SELECT target_account_id AS id FROM follows
      WHERE account_id = ? AND target_account_id IN (${placeholders(ids.length)})`,
    [accountId, ...ids],
  );
  return new Set(rows.map((r) => String(r.id)));
}

/**
 * Hashtags whose name starts with `prefix` (lower-cased), as Mastodon's Tag.search_for orders
 * them: shortest first, then by name; tags staff unlisted are left out. With `onlyName`, only
 * the tag of exactly that name (Mastodon's `exclude_unreviewed`, Woolly having no review).
 */
export async function findTagsByPrefix(
  db: Queryable,
  prefix: string,
  options: { limit: number; offset: number; onlyName: boolean },
): Promise<Row[]> {
  const match = options.onlyName ? 'lower(name) = ?' : "lower(name) LIKE ? ESCAPE '\\'";
  return db.all(
    `SELECT * FROM tags WHERE ${match} AND (listable IS NULL OR listable = TRUE)
      ORDER BY length(name), lower(name) LIMIT ? OFFSET ?`,
    [options.onlyName ? prefix : likePrefix(prefix), options.limit, options.offset],
  );
}

/** The post with this ActivityPub id or web address, among those stored. */
export async function findStatusIdByAddress(
  db: Queryable,
  address: string,
): Promise<string | null> {
  const row = await db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE (uri = ? OR url = ?) AND deleted_at IS NULL LIMIT 1',
    [address, address],
  );
  return row ? String(row.id) : null;
}

/** The account with this ActivityPub id or profile address, among those stored. */
export async function findAccountIdByAddress(
  db: Queryable,
  address: string,
): Promise<string | null> {
  const row = await db.get<{ id: string | number }>(
    'SELECT id FROM accounts WHERE uri = ? OR url = ? LIMIT 1',
    [address, address],
  );
  return row ? String(row.id) : null;
}

/** The next posts to index after `afterId` (not boosts, not deleted), oldest first. */
export async function findIndexableStatusRows(
  db: Queryable,
  afterId: string | null,
  limit: number,
): Promise<Row[]> {
  return db.all(
    `SELECT * FROM statuses
      WHERE reblog_of_id IS NULL AND deleted_at IS NULL ${afterId === null ? '' : 'AND id > ?'}
      ORDER BY id LIMIT ?`,
    afterId === null ? [limit] : [afterId, limit],
  );
}
