/**
 * ReportService: a person reports an account (and some of its posts) to the moderators.
 *
 * As Mastodon: reporting a suspended account, or a post that is not the account's or that the
 * reporter may not see, is a 404; naming rules makes the report a `violation`, whose rule ids
 * must all be rules in force; the comment is at most 1,000 characters. `forward` asks for a
 * copy to go to a remote account's server, which federation sends on `report.created`.
 */
import { notFound, unprocessable } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { placeholders } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  insertReport,
  reportCategories,
  type ReportCategory,
  type ReportRecord,
} from '../../db/repositories/reports.ts';
import { findStatusesByIds } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { checkAccess } from '../statuses/access.ts';

export interface ReportInput {
  statusIds?: string[];
  ruleIds?: string[];
  comment?: string;
  category?: string;
  forward?: boolean;
  /** The ActivityPub id of a report that came from another server (a Flag). */
  uri?: string;
}

export const reportCommentMaxLength = 1000;

async function checkStatusIds(
  deps: Pick<Deps, 'db' | 'clock'>,
  reporter: AccountRecord,
  target: AccountRecord,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!unique.every(isId)) throw notFound();
  const statuses = (await findStatusesByIds(deps.db, unique)).filter(
    (s) => s.accountId === target.id,
  );
  const access = await checkAccess(deps, reporter, statuses);
  const seen = new Set(statuses.filter((s) => access.canSee(s)).map((s) => s.id));
  if (!unique.every((id) => seen.has(id))) throw notFound();
  return unique;
}

async function checkRuleIds(deps: Pick<Deps, 'db'>, ids: readonly string[]): Promise<boolean> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || !unique.every(isId)) return false;
  const row = await deps.db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM rules WHERE deleted_at IS NULL AND id IN (${placeholders(unique.length)})`,
    unique,
  );
  return Number(row?.n ?? 0) === ids.length;
}

export async function createReport(
  deps: Deps,
  reporter: AccountRecord,
  target: AccountRecord,
  input: ReportInput,
): Promise<ReportRecord> {
  if (target.suspendedAt !== null) throw notFound();
  const ruleIds = input.ruleIds && input.ruleIds.length > 0 ? input.ruleIds : null;
  const category = ruleIds ? 'violation' : input.category || 'other';
  if (!(reportCategories as readonly string[]).includes(category)) {
    throw unprocessable('Validation failed: Category is not included in the list');
  }
  const comment = input.comment ?? '';
  if ([...comment].length > reportCommentMaxLength) {
    throw unprocessable(
      `Validation failed: Comment is too long (maximum is ${reportCommentMaxLength} characters)`,
    );
  }
  if (category === 'violation' && !(ruleIds && (await checkRuleIds(deps, ruleIds)))) {
    throw unprocessable('Validation failed: Rule ids does not reference valid rules');
  }
  const statusIds = await checkStatusIds(deps, reporter, target, input.statusIds ?? []);
  const now = deps.clock.now();
  const report: ReportRecord = {
    id: deps.ids.next(),
    accountId: reporter.id,
    targetAccountId: target.id,
    statusIds,
    ruleIds,
    comment,
    category: category as ReportCategory,
    forwarded: target.domain !== null && input.forward === true,
    uri: input.uri ?? null,
    actionTakenAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await transactionWithEvents(deps, async (tx, emit) => {
    await insertReport(tx, report);
    await emit('report.created', {
      reportId: report.id,
      accountId: reporter.id,
      targetAccountId: target.id,
    });
  });
  return report;
}
