/**
 * Reads and writes of `custom_filters` and their keywords and posts
 * (`custom_filter_keywords`, `custom_filter_statuses`).
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export const filterContexts = ['home', 'notifications', 'public', 'thread', 'account'] as const;
export type FilterContext = (typeof filterContexts)[number];

export const filterActions = ['warn', 'hide', 'blur'] as const;
export type FilterAction = (typeof filterActions)[number];

export interface FilterRecord {
  id: string;
  accountId: string;
  title: string;
  context: FilterContext[];
  action: FilterAction;
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface FilterKeywordRecord {
  id: string;
  filterId: string;
  keyword: string;
  wholeWord: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface FilterStatusRecord {
  id: string;
  filterId: string;
  statusId: string;
  createdAt: number;
}

function filterFromRow(row: Row): FilterRecord {
  const context = String(row.context);
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    title: String(row.title),
    context: (context === '' ? [] : context.split(',')) as FilterContext[],
    action: String(row.action) as FilterAction,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function keywordFromRow(row: Row): FilterKeywordRecord {
  return {
    id: String(row.id),
    filterId: String(row.custom_filter_id),
    keyword: String(row.keyword),
    wholeWord: Boolean(row.whole_word),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function filterStatusFromRow(row: Row): FilterStatusRecord {
  return {
    id: String(row.id),
    filterId: String(row.custom_filter_id),
    statusId: String(row.status_id),
    createdAt: Number(row.created_at),
  };
}

export async function insertFilter(db: Queryable, filter: FilterRecord): Promise<void> {
  await db.run(
    `INSERT INTO custom_filters (id, account_id, title, context, action, expires_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      filter.id,
      filter.accountId,
      filter.title,
      filter.context.join(','),
      filter.action,
      filter.expiresAt,
      filter.createdAt,
      filter.updatedAt,
    ],
  );
}

export async function updateFilter(db: Queryable, filter: FilterRecord): Promise<void> {
  await db.run(
    `UPDATE custom_filters SET title = ?, context = ?, action = ?, expires_at = ?, updated_at = ?
      WHERE id = ?`,
    [
      filter.title,
      filter.context.join(','),
      filter.action,
      filter.expiresAt,
      filter.updatedAt,
      filter.id,
    ],
  );
}

export async function deleteFilter(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM custom_filters WHERE id = ?', [id]);
}

export async function findFilter(db: Queryable, id: string): Promise<FilterRecord | null> {
  const row = await db.get('SELECT * FROM custom_filters WHERE id = ?', [id]);
  return row ? filterFromRow(row) : null;
}

/** Every filter of an account, expired ones included, oldest first. */
export async function findFiltersOf(db: Queryable, accountId: string): Promise<FilterRecord[]> {
  const rows = await db.all('SELECT * FROM custom_filters WHERE account_id = ? ORDER BY id', [
    accountId,
  ]);
  return rows.map(filterFromRow);
}

/** The filters of an account that have not expired at `now`. */
export async function findActiveFilters(
  db: Queryable,
  accountId: string,
  now: number,
): Promise<FilterRecord[]> {
  const rows = await db.all(
    `SELECT * FROM custom_filters
      WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id`,
    [accountId, now],
  );
  return rows.map(filterFromRow);
}

export async function insertKeyword(db: Queryable, keyword: FilterKeywordRecord): Promise<void> {
  await db.run(
    `INSERT INTO custom_filter_keywords (id, custom_filter_id, keyword, whole_word, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [
      keyword.id,
      keyword.filterId,
      keyword.keyword,
      keyword.wholeWord,
      keyword.createdAt,
      keyword.updatedAt,
    ],
  );
}

export async function updateKeyword(db: Queryable, keyword: FilterKeywordRecord): Promise<void> {
  await db.run(
    'UPDATE custom_filter_keywords SET keyword = ?, whole_word = ?, updated_at = ? WHERE id = ?',
    [keyword.keyword, keyword.wholeWord, keyword.updatedAt, keyword.id],
  );
}

export async function deleteKeyword(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM custom_filter_keywords WHERE id = ?', [id]);
}

export async function findKeyword(db: Queryable, id: string): Promise<FilterKeywordRecord | null> {
  const row = await db.get('SELECT * FROM custom_filter_keywords WHERE id = ?', [id]);
  return row ? keywordFromRow(row) : null;
}

/** The keywords of `filterIds`, oldest first. */
export async function findKeywordsOf(
  db: Queryable,
  filterIds: readonly string[],
): Promise<FilterKeywordRecord[]> {
  if (filterIds.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM custom_filter_keywords
      WHERE custom_filter_id IN (${placeholders(filterIds.length)}) ORDER BY id`,
    [...filterIds],
  );
  return rows.map(keywordFromRow);
}

/** Every keyword of an account's filters (the v1 filters), oldest first. */
export async function findKeywordsOfAccount(
  db: Queryable,
  accountId: string,
): Promise<FilterKeywordRecord[]> {
  const rows = await db.all(
    `SELECT k.* FROM custom_filter_keywords k JOIN custom_filters f ON f.id = k.custom_filter_id
      WHERE f.account_id = ? ORDER BY k.id`,
    [accountId],
  );
  return rows.map(keywordFromRow);
}

/** Adds a post to a filter; false when the filter already holds it. */
export async function insertFilterStatus(db: Queryable, row: FilterStatusRecord): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO custom_filter_statuses (id, custom_filter_id, status_id, created_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (custom_filter_id, status_id) DO NOTHING`,
    [row.id, row.filterId, row.statusId, row.createdAt],
  );
  return result.changes > 0;
}

export async function deleteFilterStatus(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM custom_filter_statuses WHERE id = ?', [id]);
}

export async function findFilterStatus(
  db: Queryable,
  id: string,
): Promise<FilterStatusRecord | null> {
  const row = await db.get('SELECT * FROM custom_filter_statuses WHERE id = ?', [id]);
  return row ? filterStatusFromRow(row) : null;
}

/** The posts of `filterIds`, oldest first. */
export async function findFilterStatusesOf(
  db: Queryable,
  filterIds: readonly string[],
): Promise<FilterStatusRecord[]> {
  if (filterIds.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM custom_filter_statuses
      WHERE custom_filter_id IN (${placeholders(filterIds.length)}) ORDER BY id`,
    [...filterIds],
  );
  return rows.map(filterStatusFromRow);
}
