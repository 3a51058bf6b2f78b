/**
 * Reads and writes of `polls` and `poll_votes`. The per-option tallies are cached on the poll
 * and recounted from the votes inside the voting transaction, so they never drift.
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export interface PollRecord {
  id: string;
  statusId: string;
  accountId: string;
  options: string[];
  /** Votes per option, in the order of `options`. */
  cachedTallies: number[];
  multiple: boolean;
  hideTotals: boolean;
  /** Every choice made (a voter of a multiple-choice poll counts once per choice). */
  votesCount: number;
  /** Distinct voters; null for polls from servers that do not say. */
  votersCount: number | null;
  expiresAt: number | null;
  /** When the poll's end was announced (`poll.closed`); null while it has not been. */
  closedNotifiedAt: number | null;
  lastFetchedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export function pollFromRow(row: Row): PollRecord {
  return {
    id: String(row.id),
    statusId: String(row.status_id),
    accountId: String(row.account_id),
    options: JSON.parse(String(row.options)) as string[],
    cachedTallies: JSON.parse(String(row.cached_tallies)) as number[],
    multiple: Boolean(row.multiple),
    hideTotals: Boolean(row.hide_totals),
    votesCount: Number(row.votes_count),
    votersCount: row.voters_count === null ? null : Number(row.voters_count),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    closedNotifiedAt: row.closed_notified_at === null ? null : Number(row.closed_notified_at),
    lastFetchedAt: row.last_fetched_at === null ? null : Number(row.last_fetched_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertPoll(db: Queryable, poll: PollRecord): Promise<void> {
  await db.run(
    `INSERT INTO polls (id, status_id, account_id, options, cached_tallies, multiple, hide_totals, votes_count, voters_count, expires_at, closed_notified_at, last_fetched_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      poll.id,
      poll.statusId,
      poll.accountId,
      JSON.stringify(poll.options),
      JSON.stringify(poll.cachedTallies),
      poll.multiple,
      poll.hideTotals,
      poll.votesCount,
      poll.votersCount,
      poll.expiresAt,
      poll.closedNotifiedAt,
      poll.lastFetchedAt,
      poll.createdAt,
      poll.updatedAt,
    ],
  );
}

/** Rewrites a poll the author edited (options, flags, expiry, and tallies when votes were reset). */
export async function updatePoll(db: Queryable, poll: PollRecord): Promise<void> {
  await db.run(
    `UPDATE polls SET options = ?, cached_tallies = ?, multiple = ?, hide_totals = ?, votes_count = ?,
       voters_count = ?, expires_at = ?, closed_notified_at = ?, updated_at = ? WHERE id = ?`,
    [
      JSON.stringify(poll.options),
      JSON.stringify(poll.cachedTallies),
      poll.multiple,
      poll.hideTotals,
      poll.votesCount,
      poll.votersCount,
      poll.expiresAt,
      poll.closedNotifiedAt,
      poll.updatedAt,
      poll.id,
    ],
  );
}

export async function deletePoll(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM polls WHERE id = ?', [id]);
}

export async function findPollById(db: Queryable, id: string): Promise<PollRecord | null> {
  const row = await db.get('SELECT * FROM polls WHERE id = ?', [id]);
  return row ? pollFromRow(row) : null;
}

/**
 * The poll, locked against concurrent votes until the transaction ends (PostgreSQL's
 * `FOR UPDATE`; SQLite's write transactions already run one at a time).
 */
export async function findPollForUpdate(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  id: string,
): Promise<PollRecord | null> {
  const row = await db.get(
    `SELECT * FROM polls WHERE id = ?${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ? pollFromRow(row) : null;
}

export async function findPollsByIds(db: Queryable, ids: readonly string[]): Promise<PollRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(`SELECT * FROM polls WHERE id IN (${placeholders(ids.length)})`, ids);
  return rows.map(pollFromRow);
}

export interface PollVoteRecord {
  id: string;
  pollId: string;
  accountId: string;
  choice: number;
  uri: string | null;
  createdAt: number;
}

export async function insertPollVotes(
  db: Queryable,
  votes: readonly PollVoteRecord[],
): Promise<void> {
  if (votes.length === 0) return;
  await db.run(
    `INSERT INTO poll_votes (id, poll_id, account_id, choice, uri, created_at) VALUES ${votes.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    votes.flatMap((v) => [v.id, v.pollId, v.accountId, v.choice, v.uri, v.createdAt]),
  );
}

/** The choices `accountId` made in each of the polls, by poll id. */
export async function findOwnVotes(
  db: Queryable,
  pollIds: readonly string[],
  accountId: string,
): Promise<Map<string, number[]>> {
  const byPoll = new Map<string, number[]>();
  if (pollIds.length === 0) return byPoll;
  const rows = await db.all<{ poll_id: string | number; choice: number }>(
    `SELECT poll_id, choice FROM poll_votes WHERE account_id = ? AND poll_id IN (${placeholders(pollIds.length)}) ORDER BY id`,
    [accountId, ...pollIds],
  );
  for (const row of rows) {
    const key = String(row.poll_id);
    const list = byPoll.get(key) ?? [];
    list.push(Number(row.choice));
    byPoll.set(key, list);
  }
  return byPoll;
}

/**
 * Recounts the poll from its votes: tallies per option, choices and distinct voters. Run in
 * the transaction that changed the votes.
 */
export async function recountPoll(
  db: Queryable,
  poll: PollRecord,
  now: number,
): Promise<PollRecord> {
  const rows = await db.all<{ choice: number; n: number }>(
    'SELECT choice, COUNT(*) AS n FROM poll_votes WHERE poll_id = ? GROUP BY choice',
    [poll.id],
  );
  const voters = await db.get<{ n: number }>(
    'SELECT COUNT(DISTINCT account_id) AS n FROM poll_votes WHERE poll_id = ?',
    [poll.id],
  );
  const tallies = poll.options.map(() => 0);
  for (const row of rows) {
    const choice = Number(row.choice);
    if (choice >= 0 && choice < tallies.length) tallies[choice] = Number(row.n);
  }
  const counted: PollRecord = {
    ...poll,
    cachedTallies: tallies,
    votesCount: tallies.reduce((a, b) => a + b, 0),
    votersCount: poll.votersCount === null ? null : Number(voters?.n ?? 0),
    updatedAt: now,
  };
  await db.run(
    'UPDATE polls SET cached_tallies = ?, votes_count = ?, voters_count = ?, updated_at = ? WHERE id = ?',
    [JSON.stringify(counted.cachedTallies), counted.votesCount, counted.votersCount, now, poll.id],
  );
  return counted;
}

export async function deletePollVotes(db: Queryable, pollId: string): Promise<void> {
  await db.run('DELETE FROM poll_votes WHERE poll_id = ?', [pollId]);
}

/** Polls that ended at or before `now` and whose end has not been announced, oldest first. */
export async function findPollsToClose(
  db: Queryable,
  now: number,
  limit: number,
): Promise<PollRecord[]> {
  const rows = await db.all(
    `SELECT * FROM polls WHERE closed_notified_at IS NULL AND expires_at <= ? ORDER BY expires_at LIMIT ${Math.trunc(limit)}`,
    [now],
  );
  return rows.map(pollFromRow);
}

/** Marks the poll's end as announced; false when someone else already did. */
export async function markPollClosed(db: Queryable, id: string, now: number): Promise<boolean> {
  const result = await db.run(
    'UPDATE polls SET closed_notified_at = ?, updated_at = ? WHERE id = ? AND closed_notified_at IS NULL',
    [now, now, id],
  );
  return result.changes > 0;
}
