/**
 * A report from another server (Mastodon's handling of a Flag): its moderators forwarded a
 * report about local accounts. It becomes a report by the sending account (usually that
 * server's instance actor) through ReportService, once per Flag id, about the named posts of
 * the target that the sender may see; a server whose reports the instance refuses is ignored.
 */
import { AppError } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { ReportRecord } from '../../db/repositories/reports.ts';
import type { Deps } from '../context.ts';
import { rejectsReportsFrom } from '../domain-blocks/rules.ts';
import { createReport, reportCommentMaxLength } from './create-report.ts';

export interface RemoteReportInput {
  uri: string;
  /** Ids of the target's posts it names. */
  statusIds: string[];
  comment: string;
}

export async function createRemoteReport(
  deps: Deps,
  reporter: AccountRecord,
  target: AccountRecord,
  input: RemoteReportInput,
): Promise<ReportRecord | null> {
  if (reporter.domain === null || target.domain !== null) return null;
  if (await rejectsReportsFrom(deps, reporter.domain)) return null;
  const existing = await deps.db.get('SELECT id FROM reports WHERE uri = ?', [input.uri]);
  if (existing) return null;
  const comment = [...input.comment].slice(0, reportCommentMaxLength).join('');
  try {
    return await createReport(deps, reporter, target, {
      statusIds: input.statusIds,
      comment,
      category: 'other',
      uri: input.uri,
    });
  } catch (error) {
    // Posts it may not see or that are gone: the report stands without them.
    if (error instanceof AppError && error.status === 404 && input.statusIds.length > 0) {
      return createReport(deps, reporter, target, { comment, category: 'other', uri: input.uri });
    }
    throw error;
  }
}
