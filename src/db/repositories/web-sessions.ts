/**
 * Reads and writes of `web_sessions`: who is signed in to the server-rendered pages in which
 * browser. The cookie holds a random token; only its SHA-256 (`id_hash`) is stored.
 */
import type { Queryable, Row } from '../database.ts';

export interface WebSessionRecord {
  idHash: string;
  accountId: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function webSessionFromRow(row: Row): WebSessionRecord {
  return {
    idHash: String(row.id_hash),
    accountId: String(row.account_id),
    userAgent: str(row.user_agent),
    ip: str(row.ip),
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function insertWebSession(db: Queryable, session: WebSessionRecord): Promise<void> {
  await db.run(
    `INSERT INTO web_sessions (id_hash, account_id, user_agent, ip, created_at, last_seen_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      session.idHash,
      session.accountId,
      session.userAgent,
      session.ip,
      session.createdAt,
      session.lastSeenAt,
      session.expiresAt,
    ],
  );
}

export async function findWebSession(
  db: Queryable,
  idHash: string,
): Promise<WebSessionRecord | null> {
  const row = await db.get('SELECT * FROM web_sessions WHERE id_hash = ?', [idHash]);
  return row ? webSessionFromRow(row) : null;
}

/** Records activity at most once an hour per session, so page views stay reads. */
export async function touchWebSession(
  db: Queryable,
  idHash: string,
  now: number,
  ip: string | null,
): Promise<void> {
  await db.run(
    'UPDATE web_sessions SET last_seen_at = ?, ip = ? WHERE id_hash = ? AND last_seen_at < ?',
    [now, ip, idHash, now - 3_600_000],
  );
}

export async function deleteWebSession(db: Queryable, idHash: string): Promise<void> {
  await db.run('DELETE FROM web_sessions WHERE id_hash = ?', [idHash]);
}

export async function deleteExpiredWebSessions(db: Queryable, now: number): Promise<number> {
  const result = await db.run('DELETE FROM web_sessions WHERE expires_at <= ?', [now]);
  return result.changes;
}
