/**
 * A remote account asks to quote a local post (a FEP-044f QuoteRequest, after its post was
 * stored): the post's quote policy decides at once, as for a local quote (Woolly has no
 * manual approval, so what needs approval is refused); the quoting post's quote is set to
 * match (counted when accepted), and `quote.decided` lets federation answer Accept with a
 * stamp or Reject. Asking again gets the same answer again.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  bumpStatusCounter,
  findStatusById,
  updateStatus,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { remoteQuoteState } from './quote-remote.ts';

export async function decideQuoteRequest(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  request: {
    uri: string;
    requester: AccountRecord;
    quoted: StatusRecord;
    quoting: StatusRecord;
  },
): Promise<boolean> {
  const { requester, quoted, quoting } = request;
  if (!quoted.local || quoting.accountId !== requester.id || quoting.quoteOfId !== quoted.id) {
    return false;
  }
  const state = await remoteQuoteState(deps, requester, quoted, false);
  const accepted = state === 'accepted';
  const current = (await findStatusById(deps.db, quoting.id))?.quoteState ?? null;
  await transactionWithEvents(deps, async (tx, emit) => {
    if (current !== state && current !== 'revoked') {
      await updateStatus(tx, quoting.id, { quoteState: state });
      if (accepted) await bumpStatusCounter(tx, quoted.id, 'quotes_count', 1);
      if (current === 'accepted') await bumpStatusCounter(tx, quoted.id, 'quotes_count', -1);
    }
    await emit('quote.decided', {
      quotingStatusId: quoting.id,
      quotedStatusId: quoted.id,
      requestUri: request.uri,
      requesterAccountId: requester.id,
      accepted: accepted && current !== 'revoked',
    });
  });
  return accepted;
}
