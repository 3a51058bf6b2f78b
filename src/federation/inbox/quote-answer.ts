/**
 * Accept or Reject of a QuoteRequest Woolly sent for a local quote of a remote post
 * (outbox/quotes.ts names it `STATUS_URI#quote_request`). Only the quoted post's author may
 * answer; an Accept counts when its `result` (the stamp) is on that author's server.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Accept, Reject } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
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
    await recordQuoteAnswer(ctx.data, quoting, { accepted: false });
    return true;
  }
  const stamp = answer.resultId;
  if (stamp && stamp.origin === new URL(quotedAuthor.uri).origin) {
    await recordQuoteAnswer(ctx.data, quoting, { accepted: true, approvalUri: stamp.href });
  }
  return true;
}
