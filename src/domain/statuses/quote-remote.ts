/**
 * Where a quote made on another server stands when it arrives (Mastodon 4.5's
 * ActivityPub::VerifyQuoteService, and its QuoteRequest handling for local posts):
 *
 * - quoting oneself, or a post that mentions the quoting account: accepted at once;
 * - a stamp (FEP-044f QuoteAuthorization) from the quoted post's author, checked by the
 *   caller: accepted;
 * - a local post: its quote policy decides now, as Woolly's answer to the QuoteRequest
 *   would (automatic: accepted; otherwise rejected, since Woolly has no manual approval);
 * - a remote post without a stamp: pending (its author's server has not approved it).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import {
  bumpStatusCounter,
  updateStatus,
  type QuotePolicy,
  type QuoteState,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { loadRelationshipFacts } from '../relationships/facts.ts';
import { quoteDecision } from './quote-policy.ts';

export async function remoteQuoteState(
  deps: Pick<Deps, 'db' | 'clock'>,
  author: AccountRecord,
  quoted: StatusRecord,
  stamped: boolean,
): Promise<QuoteState> {
  if (quoted.deletedAt !== null) return 'deleted';
  if (quoted.accountId === author.id) return 'accepted';
  const mentions = await findMentionsByStatusIds(deps.db, [quoted.id]);
  if (mentions.some((m) => m.accountId === author.id)) return 'accepted';
  if (quoted.local) {
    const facts = await loadRelationshipFacts(
      deps.db,
      author.id,
      [quoted.accountId],
      deps.clock.now(),
    );
    return quoteDecision(quoted, { id: author.id, facts }) === 'automatic'
      ? 'accepted'
      : 'rejected';
  }
  return stamped ? 'accepted' : 'pending';
}

/**
 * A remote post's quote as its latest Update states it (Mastodon sends one when the quoted
 * author's server approved the quote, with the stamp): the quote and its state, and the
 * post's own quote policy. A quote its quoted author revoked stays revoked. Counts follow.
 */
export async function updateRemoteQuote(
  deps: Pick<Deps, 'db'>,
  status: StatusRecord,
  quote: { statusId: string | null; state: QuoteState } | null,
  quoteApprovalPolicy: QuotePolicy,
): Promise<void> {
  const sameTarget = (quote?.statusId ?? null) === status.quoteOfId;
  const state = sameTarget && status.quoteState === 'revoked' ? 'revoked' : (quote?.state ?? null);
  const quoteOfId = quote?.statusId ?? null;
  if (
    sameTarget &&
    state === status.quoteState &&
    quoteApprovalPolicy === status.quoteApprovalPolicy
  ) {
    return;
  }
  const wasCounted = status.quoteState === 'accepted' ? status.quoteOfId : null;
  const isCounted = state === 'accepted' ? quoteOfId : null;
  await deps.db.transaction(async (tx) => {
    await updateStatus(tx, status.id, { quoteOfId, quoteState: state, quoteApprovalPolicy });
    if (wasCounted !== isCounted) {
      if (wasCounted) await bumpStatusCounter(tx, wasCounted, 'quotes_count', -1);
      if (isCounted) await bumpStatusCounter(tx, isCounted, 'quotes_count', 1);
    }
  });
}
