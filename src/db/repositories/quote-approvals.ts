/** Reads and writes of `quote_approvals`: the stamps remote authors gave for local quotes. */
import type { Queryable } from '../database.ts';

/** Records (or replaces) the stamp of the local quote `statusId`. */
export async function saveQuoteApproval(
  db: Queryable,
  statusId: string,
  approvalUri: string,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO quote_approvals (status_id, approval_uri, created_at) VALUES (?, ?, ?)
     ON CONFLICT (status_id) DO UPDATE SET approval_uri = excluded.approval_uri`,
    [statusId, approvalUri, now],
  );
}

export async function deleteQuoteApproval(db: Queryable, statusId: string): Promise<void> {
  await db.run('DELETE FROM quote_approvals WHERE status_id = ?', [statusId]);
}

/** The stamp of the local quote `statusId`, if its quoted author gave one. */
export async function findQuoteApproval(db: Queryable, statusId: string): Promise<string | null> {
  const row = await db.get<{ approval_uri: string }>(
    'SELECT approval_uri FROM quote_approvals WHERE status_id = ?',
    [statusId],
  );
  return row?.approval_uri ?? null;
}

/** The local quote whose stamp is `approvalUri`, if any. */
export async function findQuoteByApproval(
  db: Queryable,
  approvalUri: string,
): Promise<string | null> {
  const row = await db.get<{ status_id: string | number }>(
    'SELECT status_id FROM quote_approvals WHERE approval_uri = ?',
    [approvalUri],
  );
  return row ? String(row.status_id) : null;
}
