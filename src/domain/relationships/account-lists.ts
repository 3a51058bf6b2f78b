/**
 * The lists of accounts Mastodon pages through: followers, follows, follow requests, blocks,
 * mutes and endorsements. Each page is ordered by the id Mastodon pages that list by (the
 * relationship row's id, except endorsements, which Mastodon pages by account id), and each
 * row carries that id for the `Link` header. Suspended accounts are left out, as Mastodon does.
 */
import { newestFirst, pageQuery, type Page } from '../pagination.ts';
import type { Queryable, SqlValue } from '../../db/database.ts';

export interface AccountListRow {
  /** The id the list is paged by. */
  pageId: string;
  accountId: string;
}

export interface MuteListRow extends AccountListRow {
  expiresAt: number | null;
}

/** Leave out accounts `viewerId` blocks, is blocked by or mutes (Mastodon's
 * `not_excluded_by_account`), for lists that someone else's account is shown in. */
export interface Exclusions {
  viewerId: string;
  now: number;
}

function exclusionSql(column: string, exclusions: Exclusions | null): [string[], SqlValue[]] {
  if (!exclusions) return [[], []];
  const { viewerId, now } = exclusions;
  return [
    [
      `NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ? AND b.target_account_id = ${column}) OR (b.account_id = ${column} AND b.target_account_id = ?))`,
      `NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ? AND m.target_account_id = ${column} AND (m.expires_at IS NULL OR m.expires_at > ?))`,
    ],
    [viewerId, viewerId, viewerId, now],
  ];
}

interface ListSpec {
  /** `FROM ... JOIN accounts a ON ...`; `a` is the listed account. */
  from: string;
  pageColumn: string;
  where: string[];
  params: SqlValue[];
  extra?: string;
}

async function pageOfAccounts<T extends AccountListRow>(
  db: Queryable,
  spec: ListSpec,
  page: Page | null,
  map: (row: Record<string, unknown>) => T,
): Promise<T[]> {
  const q = page ? pageQuery(page, spec.pageColumn) : null;
  const where = [...spec.where, 'a.suspended_at IS NULL', ...(q?.where ?? [])];
  const rows = await db.all(
    `SELECT ${spec.pageColumn} AS page_id, a.id AS account_id${spec.extra ? `, ${spec.extra}` : ''}
     ${spec.from} WHERE ${where.join(' AND ')}
     ${q ? q.orderLimit : `ORDER BY ${spec.pageColumn} DESC`}`,
    [...spec.params, ...(q?.params ?? [])],
  );
  return newestFirst(rows.map(map), q?.ascending ?? false);
}

const plain = (row: Record<string, unknown>): AccountListRow => ({
  pageId: String(row.page_id),
  accountId: String(row.account_id),
});

/** The followers of `accountId`, newest follow first. */
export function followersPage(
  db: Queryable,
  accountId: string,
  page: Page,
  exclusions: Exclusions | null,
): Promise<AccountListRow[]> {
  const [where, params] = exclusionSql('a.id', exclusions);
  return pageOfAccounts(
    db,
    {
      from: 'FROM follows f JOIN accounts a ON a.id = f.account_id',
      pageColumn: 'f.id',
      where: ['f.target_account_id = ?', ...where],
      params: [accountId, ...params],
    },
    page,
    plain,
  );
}

/** The accounts `accountId` follows, newest follow first. */
export function followingPage(
  db: Queryable,
  accountId: string,
  page: Page,
  exclusions: Exclusions | null,
): Promise<AccountListRow[]> {
  const [where, params] = exclusionSql('a.id', exclusions);
  return pageOfAccounts(
    db,
    {
      from: 'FROM follows f JOIN accounts a ON a.id = f.target_account_id',
      pageColumn: 'f.id',
      where: ['f.account_id = ?', ...where],
      params: [accountId, ...params],
    },
    page,
    plain,
  );
}

/** The accounts waiting for `accountId` to accept their follow, newest request first. */
export function followRequestsPage(
  db: Queryable,
  accountId: string,
  page: Page,
): Promise<AccountListRow[]> {
  return pageOfAccounts(
    db,
    {
      from: 'FROM follow_requests r JOIN accounts a ON a.id = r.account_id',
      pageColumn: 'r.id',
      where: ['r.target_account_id = ?'],
      params: [accountId],
    },
    page,
    plain,
  );
}

export function blocksPage(
  db: Queryable,
  accountId: string,
  page: Page,
): Promise<AccountListRow[]> {
  return pageOfAccounts(
    db,
    {
      from: 'FROM blocks b JOIN accounts a ON a.id = b.target_account_id',
      pageColumn: 'b.id',
      where: ['b.account_id = ?'],
      params: [accountId],
    },
    page,
    plain,
  );
}

/** The accounts `accountId` mutes, mutes that have ended left out. */
export function mutesPage(
  db: Queryable,
  accountId: string,
  page: Page,
  now: number,
): Promise<MuteListRow[]> {
  return pageOfAccounts(
    db,
    {
      from: 'FROM mutes m JOIN accounts a ON a.id = m.target_account_id',
      pageColumn: 'm.id',
      where: ['m.account_id = ?', '(m.expires_at IS NULL OR m.expires_at > ?)'],
      params: [accountId, now],
      extra: 'm.expires_at AS expires_at',
    },
    page,
    (row) => ({
      ...plain(row),
      expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    }),
  );
}

/**
 * The accounts `accountId` endorses, paged by account id as Mastodon pages them; `page` null
 * lists them all (Mastodon's `limit=0` on the endorser's own list).
 */
export function endorsementsPage(
  db: Queryable,
  accountId: string,
  page: Page | null,
): Promise<AccountListRow[]> {
  return pageOfAccounts(
    db,
    {
      from: 'FROM account_pins p JOIN accounts a ON a.id = p.target_account_id',
      pageColumn: 'a.id',
      where: ['p.account_id = ?'],
      params: [accountId],
    },
    page,
    plain,
  );
}
