/**
 * Who may see a status: Mastodon's StatusPolicy. A status the viewer may not see answers 404,
 * never 403, so its existence does not leak.
 *
 * - direct: the author and the accounts it mentions;
 * - private: also the author's followers;
 * - public and unlisted: everyone, except people the author blocks or whose domain the
 *   author blocks; local-only posts only to signed-in local accounts.
 * A suspended author's statuses are seen by nobody but moderators (not here).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { RelationshipFacts } from '../relationships/facts.ts';

export interface Viewer {
  account: AccountRecord;
  facts: RelationshipFacts;
}

export interface VisibilityInput {
  status: StatusRecord;
  author: AccountRecord;
  /** Account ids mentioned by the status. */
  mentionedIds: ReadonlySet<string>;
}

export function canSee(viewer: Viewer | null, input: VisibilityInput): boolean {
  const { status, author, mentionedIds } = input;
  if (status.deletedAt !== null) return false;
  if (author.suspendedAt !== null) return false;
  const own = viewer !== null && viewer.account.id === author.id;
  if (own) return true;
  if (status.localOnly && (viewer === null || viewer.account.domain !== null)) return false;
  const mentioned = viewer !== null && mentionedIds.has(viewer.account.id);
  switch (status.visibility) {
    case 'direct':
      return mentioned;
    case 'private':
      return (
        mentioned ||
        (viewer !== null &&
          viewer.facts.following.has(author.id) &&
          !viewer.facts.blockedBy.has(author.id))
      );
    default:
      if (viewer === null) return true;
      // (An author's block of a remote viewer's whole domain is checked by federation, which
      // serves remote viewers; API viewers are local.)
      return !viewer.facts.blockedBy.has(author.id);
  }
}
