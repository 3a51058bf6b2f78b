/** Mastodon's Report entity (REST::ReportSerializer), as the reporter sees it. */
import type { ReportRecord } from '../../../db/repositories/reports.ts';
import type { AccountJson } from './account.ts';

export interface ReportJson {
  id: string;
  action_taken: boolean;
  action_taken_at: string | null;
  category: string;
  comment: string;
  forwarded: boolean;
  created_at: string;
  status_ids: string[] | null;
  /** Mastodon 4.6's reported collections; Woolly has no collections, so always empty. */
  collection_ids: string[];
  rule_ids: string[] | null;
  target_account: AccountJson;
}

export function serializeReport(report: ReportRecord, targetAccount: AccountJson): ReportJson {
  return {
    id: report.id,
    action_taken: report.actionTakenAt !== null,
    action_taken_at:
      report.actionTakenAt === null ? null : new Date(report.actionTakenAt).toISOString(),
    category: report.category,
    comment: report.comment,
    forwarded: report.forwarded,
    created_at: new Date(report.createdAt).toISOString(),
    status_ids: report.statusIds,
    collection_ids: [],
    rule_ids: report.ruleIds,
    target_account: targetAccount,
  };
}
