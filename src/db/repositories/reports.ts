/** Reads and writes of `reports`: what a person reports to the moderators. */
import type { Queryable, Row } from '../database.ts';

export const reportCategories = ['spam', 'legal', 'violation', 'other'] as const;
export type ReportCategory = (typeof reportCategories)[number];

export interface ReportRecord {
  id: string;
  accountId: string;
  targetAccountId: string;
  statusIds: string[];
  /** The rules broken; null unless the category is `violation`. */
  ruleIds: string[] | null;
  comment: string;
  category: ReportCategory;
  forwarded: boolean;
  uri: string | null;
  actionTakenAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export function reportFromRow(row: Row): ReportRecord {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    targetAccountId: String(row.target_account_id),
    statusIds: JSON.parse(String(row.status_ids)) as string[],
    ruleIds: JSON.parse(String(row.rule_ids)) as string[] | null,
    comment: String(row.comment),
    category: String(row.category) as ReportCategory,
    forwarded: Boolean(row.forwarded),
    uri: row.uri === null || row.uri === undefined ? null : String(row.uri),
    actionTakenAt:
      row.action_taken_at === null || row.action_taken_at === undefined
        ? null
        : Number(row.action_taken_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertReport(db: Queryable, report: ReportRecord): Promise<void> {
  await db.run(
    `INSERT INTO reports (id, account_id, target_account_id, status_ids, rule_ids, comment, category,
                          forwarded, uri, action_taken_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      report.id,
      report.accountId,
      report.targetAccountId,
      JSON.stringify(report.statusIds),
      JSON.stringify(report.ruleIds),
      report.comment,
      report.category,
      report.forwarded,
      report.uri,
      report.actionTakenAt,
      report.createdAt,
      report.updatedAt,
    ],
  );
}

export async function findReportById(db: Queryable, id: string): Promise<ReportRecord | null> {
  const row = await db.get('SELECT * FROM reports WHERE id = ?', [id]);
  return row ? reportFromRow(row) : null;
}
