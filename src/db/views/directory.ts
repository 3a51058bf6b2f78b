/**
 * The profile directory (Mastodon's DirectoriesController): discoverable accounts, the most
 * recently active first (`active`, accounts that never posted last) or the newest (`new`).
 */
import type { Queryable, SqlValue } from '../database.ts';
import { accountFromRow, type AccountRecord } from '../repositories/accounts.ts';
import { discoverableAccountSql, notExcludedParams, notExcludedSql } from './account-discovery.ts';

export interface DirectoryQuery {
  order: 'active' | 'new';
  localOnly: boolean;
  /** The reader, whose blocks and mutes are left out; null for an anonymous reader. */
  readerId: string | null;
  offset: number;
  limit: number;
  now: number;
}

export async function directoryAccounts(
  db: Queryable,
  q: DirectoryQuery,
): Promise<AccountRecord[]> {
  const where = [discoverableAccountSql];
  const params: SqlValue[] = [];
  if (q.localOnly) where.push('a.domain IS NULL');
  if (q.readerId !== null) {
    where.push(notExcludedSql());
    params.push(...notExcludedParams(q.readerId, q.now));
  }
  const order = q.order === 'new' ? 'a.id DESC' : 'a.last_status_at DESC NULLS LAST, a.id DESC';
  const rows = await db.all(
    `SELECT a.* FROM accounts a WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT ${Math.trunc(q.limit)} OFFSET ${Math.trunc(q.offset)}`,
    params,
  );
  return rows.map(accountFromRow);
}
