/**
 * What the author of a post does with its quotes (Mastodon 4.5's quotes API):
 *
 * - list them: the accepted quotes the viewer may see, newest first (the post must be
 *   visible to the viewer, 404 otherwise);
 * - revoke one (`revokeQuote`): only the quoted post's author (403 otherwise); the quote's
 *   state becomes `revoked`, so the quoting post no longer shows it, and it leaves
 *   `quotes_count`, and its stamp is withdrawn (federation sends Delete of it);
 * - change who may quote it (`changeQuotePolicy`): only its author (404 for anyone else, as
 *   for editing); followers-only and direct posts stay unquotable by others whatever is set.
 *   The post's Note is sent again (Update) with its new `interactionPolicy`.
 */
import { AppError, forbidden, notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  bumpStatusCounter,
  findStatusById,
  quotePolicies,
  updateStatus,
  type QuotePolicy,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import { findAcceptedQuotesPage } from '../../db/views/quotes.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';
import { checkAccess, findVisibleStatus } from './access.ts';
import { ValidationErrors } from './validation-errors.ts';

/** A page of the post's accepted quotes that `viewer` may see, with the ids it spans. */
export async function listQuotes(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord,
  statusId: string,
  page: Page,
): Promise<{ pageIds: string[]; statuses: StatusRecord[] }> {
  const status = await findVisibleStatus(deps, viewer, statusId);
  const q = pageQuery(page, 'id');
  const rows = newestFirst(await findAcceptedQuotesPage(deps.db, status.id, q), q.ascending);
  const access = await checkAccess(deps, viewer, rows);
  return { pageIds: rows.map((s) => s.id), statuses: rows.filter((s) => access.listable(s)) };
}

const noSuchQuote = () =>
  new AppError(404, 'Status does not exist or is private, or no such quote exists.');

/** Revokes the quote `quotingId` makes of the author's post `statusId`; the quoting post. */
export async function revokeQuote(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  author: AccountRecord,
  statusId: string,
  quotingId: string,
): Promise<StatusRecord> {
  const status = await findVisibleStatus(deps, author, statusId).catch(() => {
    throw noSuchQuote();
  });
  if (status.accountId !== author.id) throw forbidden();
  const quoting = isId(quotingId) ? await findStatusById(deps.db, quotingId) : null;
  if (!quoting || quoting.quoteOfId !== status.id || quoting.deletedAt !== null) {
    throw noSuchQuote();
  }
  if (quoting.quoteState === 'accepted' || quoting.quoteState === 'pending') {
    await transactionWithEvents(deps, async (tx, emit) => {
      if (quoting.quoteState === 'accepted') {
        await updateStatus(tx, quoting.id, { quoteState: 'revoked', updatedAt: deps.clock.now() });
        await bumpStatusCounter(tx, status.id, 'quotes_count', -1);
      } else {
        await updateStatus(tx, quoting.id, { quoteState: 'revoked' });
      }
      await emit('quote.revoked', { quotingStatusId: quoting.id, quotedStatusId: status.id });
    });
  }
  return (await findStatusById(deps.db, quoting.id))!;
}

/** Sets who may quote the author's post `statusId` without asking; the post. */
export async function changeQuotePolicy(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  author: AccountRecord,
  statusId: string,
  policy: string | null,
): Promise<StatusRecord> {
  const status = isId(statusId) ? await findStatusById(deps.db, statusId) : null;
  if (!status || status.accountId !== author.id || status.reblogOfId !== null) throw notFound();
  if (policy === null || policy === '') return status;
  if (!(quotePolicies as readonly string[]).includes(policy)) {
    const errors = new ValidationErrors();
    errors.add('quote_approval_policy', 'is not included in the list');
    errors.throwIfAny();
  }
  if (policy !== status.quoteApprovalPolicy) {
    await transactionWithEvents(deps, async (tx, emit) => {
      await updateStatus(tx, status.id, {
        quoteApprovalPolicy: policy as QuotePolicy,
        updatedAt: deps.clock.now(),
      });
      await emit('status.quote_policy_changed', { statusId: status.id, accountId: author.id });
    });
  }
  return (await findStatusById(deps.db, status.id))!;
}
