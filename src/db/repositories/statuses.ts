/** Reads and writes of the `statuses` table. */
import type { Queryable, Row } from '../database.ts';

export const visibilities = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof visibilities)[number];

/** Who may quote a post without asking (Mastodon 4.5's `quote_approval_policy`). */
export const quotePolicies = ['public', 'followers', 'nobody'] as const;
export type QuotePolicy = (typeof quotePolicies)[number];

/** Where a quote stands (Mastodon's Quote#state); only `accepted` quotes show the quoted post. */
export type QuoteState =
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'revoked'
  | 'deleted'
  | 'unauthorized'
  | 'blocked_account'
  | 'blocked_domain'
  | 'muted_account';

export interface StatusRecord {
  id: string;
  accountId: string;
  uri: string;
  url: string | null;
  local: boolean;
  localOnly: boolean;
  visibility: Visibility;
  /** What the author typed (local statuses); empty for remote ones. */
  text: string;
  contentType: string;
  /** HTML. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  reblogOfId: string | null;
  quoteOfId: string | null;
  /** null unless the status quotes another. */
  quoteState: QuoteState | null;
  quoteApprovalPolicy: QuotePolicy;
  conversationId: string | null;
  applicationId: string | null;
  pollId: string | null;
  repliesCount: number;
  reblogsCount: number;
  favouritesCount: number;
  quotesCount: number;
  editedAt: number | null;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

const columns: Record<keyof StatusRecord, string> = {
  id: 'id',
  accountId: 'account_id',
  uri: 'uri',
  url: 'url',
  local: 'local',
  localOnly: 'local_only',
  visibility: 'visibility',
  text: 'text',
  contentType: 'content_type',
  content: 'content',
  spoilerText: 'spoiler_text',
  sensitive: 'sensitive',
  language: 'language',
  inReplyToId: 'in_reply_to_id',
  inReplyToAccountId: 'in_reply_to_account_id',
  reblogOfId: 'reblog_of_id',
  quoteOfId: 'quote_of_id',
  quoteState: 'quote_state',
  quoteApprovalPolicy: 'quote_approval_policy',
  conversationId: 'conversation_id',
  applicationId: 'application_id',
  pollId: 'poll_id',
  repliesCount: 'replies_count',
  reblogsCount: 'reblogs_count',
  favouritesCount: 'favourites_count',
  quotesCount: 'quotes_count',
  editedAt: 'edited_at',
  deletedAt: 'deleted_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function statusFromRow(row: Row): StatusRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    uri: String(row.uri),
    url: str(row.url),
    local: Boolean(row.local),
    localOnly: Boolean(row.local_only),
    visibility: String(row.visibility) as Visibility,
    text: String(row.text),
    contentType: String(row.content_type),
    content: String(row.content),
    spoilerText: String(row.spoiler_text),
    sensitive: Boolean(row.sensitive),
    language: str(row.language),
    inReplyToId: str(row.in_reply_to_id),
    inReplyToAccountId: str(row.in_reply_to_account_id),
    reblogOfId: str(row.reblog_of_id),
    quoteOfId: str(row.quote_of_id),
    quoteState: str(row.quote_state) as QuoteState | null,
    quoteApprovalPolicy: String(row.quote_approval_policy ?? 'public') as QuotePolicy,
    conversationId: str(row.conversation_id),
    applicationId: str(row.application_id),
    pollId: str(row.poll_id),
    repliesCount: Number(row.replies_count),
    reblogsCount: Number(row.reblogs_count),
    favouritesCount: Number(row.favourites_count),
    quotesCount: Number(row.quotes_count),
    editedAt: num(row.edited_at),
    deletedAt: num(row.deleted_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertStatus(db: Queryable, status: StatusRecord): Promise<void> {
  const keys = Object.keys(columns) as (keyof StatusRecord)[];
  await db.run(
    `INSERT INTO statuses (${keys.map((k) => columns[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    keys.map((k) => status[k] as string | number | boolean | null),
  );
}

/** Writes the given fields of one status. Counters have their own atomic updates. */
export async function updateStatus(
  db: Queryable,
  id: string,
  changes: Partial<
    Omit<StatusRecord, 'id' | 'repliesCount' | 'reblogsCount' | 'favouritesCount' | 'quotesCount'>
  >,
): Promise<void> {
  const keys = Object.keys(changes) as (keyof typeof changes & keyof StatusRecord)[];
  if (keys.length === 0) return;
  await db.run(
    `UPDATE statuses SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`,
    [...keys.map((k) => changes[k] as string | number | boolean | null), id],
  );
}

export type StatusCounter = 'replies_count' | 'reblogs_count' | 'favourites_count' | 'quotes_count';

/** Adds `delta` to a counter in one statement, so concurrent changes never lose a count. */
export async function bumpStatusCounter(
  db: Queryable,
  id: string,
  counter: StatusCounter,
  delta: number,
): Promise<void> {
  await db.run(
    `UPDATE statuses SET ${counter} = CASE WHEN ${counter} + ? < 0 THEN 0 ELSE ${counter} + ? END WHERE id = ?`,
    [delta, delta, id],
  );
}

/** A status that has not been deleted, or null. */
export async function findStatusById(db: Queryable, id: string): Promise<StatusRecord | null> {
  const row = await db.get('SELECT * FROM statuses WHERE id = ? AND deleted_at IS NULL', [id]);
  return row ? statusFromRow(row) : null;
}

export async function findStatusesByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<StatusRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM statuses WHERE id IN (${ids.map(() => '?').join(', ')}) AND deleted_at IS NULL`,
    ids,
  );
  return rows.map(statusFromRow);
}

export async function findStatusByUri(db: Queryable, uri: string): Promise<StatusRecord | null> {
  const row = await db.get('SELECT * FROM statuses WHERE uri = ?', [uri]);
  return row ? statusFromRow(row) : null;
}

/**
 * Inserts many statuses in one statement per 500 rows (imports, seeding). Each status is
 * written exactly as `insertStatus` writes it.
 */
export async function insertStatuses(
  db: Queryable,
  statuses: readonly StatusRecord[],
): Promise<void> {
  const keys = Object.keys(columns) as (keyof StatusRecord)[];
  const row = `(${keys.map(() => '?').join(', ')})`;
  for (let i = 0; i < statuses.length; i += 500) {
    const batch = statuses.slice(i, i + 500);
    await db.run(
      `INSERT INTO statuses (${keys.map((k) => columns[k]).join(', ')}) VALUES ${batch.map(() => row).join(', ')}`,
      batch.flatMap((s) => keys.map((k) => s[k] as string | number | boolean | null)),
    );
  }
}
