/**
 * Who may quote a post (Mastodon 4.5's quote approval policy). Only the author may quote a
 * followers-only or direct post; otherwise the author's policy says whether anyone, only
 * followers or nobody else may quote it without asking. Woolly has no manual approval step:
 * a quote that would need one is refused.
 */
import type { QuotePolicy, QuoteState, StatusRecord } from '../../db/repositories/statuses.ts';
import type { RelationshipFacts } from '../relationships/facts.ts';

export type QuoteDecision = 'automatic' | 'manual' | 'denied' | 'unknown';

/** What `viewerId` (with its relationship facts to the author) may do with the status. */
export function quoteDecision(
  status: StatusRecord,
  viewer: { id: string; facts: RelationshipFacts } | null,
): QuoteDecision {
  if (viewer === null) return 'denied';
  if (status.reblogOfId !== null || status.visibility === 'direct') return 'denied';
  if (status.accountId === viewer.id) return 'automatic';
  if (status.visibility === 'private') return 'denied';
  const { blocking, blockedBy, following } = viewer.facts;
  if (blocking.has(status.accountId) || blockedBy.has(status.accountId)) return 'denied';
  switch (status.quoteApprovalPolicy) {
    case 'public':
      return 'automatic';
    case 'followers':
      return following.has(status.accountId) ? 'automatic' : 'denied';
    default:
      return 'denied';
  }
}

/** The audiences that may quote without asking, as Mastodon's QuoteApproval lists them. */
export function automaticQuoteAudiences(status: StatusRecord): QuotePolicy[] {
  if (status.visibility === 'private' || status.visibility === 'direct') return [];
  return status.quoteApprovalPolicy === 'nobody' ? [] : [status.quoteApprovalPolicy];
}

/**
 * Where a new local quote of `quoted` starts (Mastodon 4.5): a local post's policy was checked
 * when posting, so the quote stands; a remote post's server must approve it first (the
 * QuoteRequest federation sends), so it waits as `pending`.
 */
export function newLocalQuoteState(quoted: StatusRecord): QuoteState {
  return quoted.local ? 'accepted' : 'pending';
}
