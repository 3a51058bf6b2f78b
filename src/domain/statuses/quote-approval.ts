/**
 * The answer a remote author's server gives to Woolly's QuoteRequest for a local quote of
 * one of its posts (FEP-044f): Accept brings a stamp, kept so that the quote's Note names it,
 * and the pending quote stands (counted in `quotes_count`); Reject takes it back (`rejected`),
 * and so does a later Delete of the stamp (`revoked`). Either way `quote.answered` lets
 * federation send the quote's Note again (Update).
 */
import { deleteQuoteApproval, saveQuoteApproval } from '../../db/repositories/quote-approvals.ts';
import {
  bumpStatusCounter,
  updateStatus,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export async function recordQuoteAnswer(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  quoting: StatusRecord,
  answer:
    { accepted: true; approvalUri: string } | { accepted: false; state: 'rejected' | 'revoked' },
): Promise<void> {
  if (!quoting.local || quoting.quoteOfId === null || quoting.deletedAt !== null) return;
  const now = deps.clock.now();
  const quotedId = quoting.quoteOfId;
  if (quoting.quoteState !== 'accepted' && quoting.quoteState !== 'pending') return;
  await transactionWithEvents(deps, async (tx, emit) => {
    if (answer.accepted) {
      await saveQuoteApproval(tx, quoting.id, answer.approvalUri, now);
      await updateStatus(tx, quoting.id, { quoteState: 'accepted', updatedAt: now });
      if (quoting.quoteState === 'pending') {
        await bumpStatusCounter(tx, quotedId, 'quotes_count', 1);
      }
    } else {
      await deleteQuoteApproval(tx, quoting.id);
      await updateStatus(tx, quoting.id, { quoteState: answer.state, updatedAt: now });
      if (quoting.quoteState === 'accepted') {
        await bumpStatusCounter(tx, quotedId, 'quotes_count', -1);
      }
    }
    await emit('quote.answered', { statusId: quoting.id, accountId: quoting.accountId });
  });
}
