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
import type { QuoteState, StatusRecord } from '../../db/repositories/statuses.ts';
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
