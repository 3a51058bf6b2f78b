/**
 * What staff are told: a new local user is ready (`admin.sign_up`, to those who may manage
 * users) and a report came in (`admin.report`, to those who may manage reports).
 *
 * Mastodon notifies of a sign-up when the new user becomes usable (BootstrapTimelineService
 * on confirmation and approval), so Woolly looks at each step (creation, confirmation,
 * approval) and notifies once the user is both confirmed and approved; the notification
 * exists once however many steps see it so. A report is not announced while an earlier
 * report on the same account waits for a moderator (Mastodon's `unresolved_siblings?`).
 */
import { findReportById } from '../../db/repositories/reports.ts';
import { findUserByAccountId, type RoleName } from '../../db/repositories/users.ts';
import {
  findAccountsWithRoles,
  hasUnresolvedSiblingReport,
} from '../../db/views/notification-audiences.ts';
import { can, roleNames, type permissions } from '../accounts/roles.ts';
import { notify, type NotifyDeps } from './notify.ts';

const rolesThatCan = (permission: keyof typeof permissions): RoleName[] =>
  roleNames.filter((role) => can(role, permission));

/** After `account.created`, `user.confirmed` or `user.approved` of a local account. */
export async function onSignUpProgress(
  deps: NotifyDeps,
  event: { accountId: string },
  at: number,
): Promise<void> {
  const user = await findUserByAccountId(deps.db, event.accountId);
  if (!user || user.confirmedAt === null || !user.approved) return;
  for (const staff of await findAccountsWithRoles(deps.db, rolesThatCan('manageUsers'))) {
    await notify(deps, staff, {
      type: 'admin.sign_up',
      fromAccountId: event.accountId,
      statusId: null,
      reportId: null,
      at,
    });
  }
}

export async function onReportCreated(
  deps: NotifyDeps,
  event: { reportId: string },
  at: number,
): Promise<void> {
  const report = await findReportById(deps.db, event.reportId);
  if (!report || report.actionTakenAt !== null) return;
  if (await hasUnresolvedSiblingReport(deps.db, report.id, report.targetAccountId)) return;
  for (const staff of await findAccountsWithRoles(deps.db, rolesThatCan('manageReports'))) {
    await notify(deps, staff, {
      type: 'admin.report',
      fromAccountId: report.accountId,
      statusId: null,
      reportId: report.id,
      at,
    });
  }
}
