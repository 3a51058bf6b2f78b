/**
 * Accept or Reject of a QuoteRequest Woolly sent for a local quote of a remote post
 * (outbox/quotes.ts names it `STATUS_URI#quote_request`). Only the quoted post's author may
 * answer; an Accept counts when its `result` (the stamp) is on that author's server. A later
 * Delete of the stamp by that author revokes the quote.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Accept, Delete, Reject } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findQuoteByApproval } from '../../db/repositories/quote-approvals.ts';
import { findStatusById, findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { recordQuoteAnswer } from '../../domain/statuses/quote-approval.ts';

const suffix = '#quote_request';

/** True when `answer` answers one of Woolly's QuoteRequests (and was handled). */
export async function onQuoteAnswer(
  ctx: InboxContext<Deps>,
  answer: Accept | Reject,
  accepted: boolean,
): Promise<boolean> {
  const requestId = answer.objectId;
  if (!requestId || requestId.origin !== ctx.origin || !requestId.href.endsWith(suffix)) {
    return false;
  }
  const quoting = await findStatusByUri(ctx.data.db, requestId.href.slice(0, -suffix.length));
  if (!quoting || !quoting.local || quoting.quoteOfId === null) return true;
  const quoted = await findStatusById(ctx.data.db, quoting.quoteOfId);
  const quotedAuthor = quoted ? await findAccountById(ctx.data.db, quoted.accountId) : null;
  if (!quotedAuthor || quotedAuthor.uri !== answer.actorId?.href) return true;
  if (!accepted) {
    await recordQuoteAnswer(ctx.data, quoting, { accepted: false, state: 'rejected' });
    return true;
  }
  const stamp = answer.resultId;
  if (stamp && stamp.origin === new URL(quotedAuthor.uri).origin) {
    await recordQuoteAnswer(ctx.data, quoting, { accepted: true, approvalUri: stamp.href });
  }
  return true;
}

/** True when `del` deletes a stamp given for a local quote (which is then revoked). */
export async function onStampDeleted(ctx: InboxContext<Deps>, del: Delete): Promise<boolean> {
  const stamp = del.objectId;
  const statusId = stamp ? await findQuoteByApproval(ctx.data.db, stamp.href) : null;
  if (!statusId) return false;
  const quoting = await findStatusById(ctx.data.db, statusId);
  const quoted = quoting?.quoteOfId ? await findStatusById(ctx.data.db, quoting.quoteOfId) : null;
  const quotedAuthor = quoted ? await findAccountById(ctx.data.db, quoted.accountId) : null;
  if (quoting && quotedAuthor && quotedAuthor.uri === del.actorId?.href) {
    await recordQuoteAnswer(ctx.data, quoting, { accepted: false, state: 'revoked' });
  }
  return true;
}
