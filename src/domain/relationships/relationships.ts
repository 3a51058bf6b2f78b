/**
 * The Relationship between the viewer and each of a set of accounts, as Mastodon's
 * AccountRelationshipsPresenter builds it: from the rows of follows, requests, blocks, mutes,
 * domain blocks, endorsements and notes, loaded together for the whole set.
 */
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import { loadRelationshipRows } from '../../db/views/relationships.ts';
import type { Deps } from '../context.ts';

export interface Relationship {
  accountId: string;
  following: boolean;
  /** Boosts of the account reach the viewer's home feed (from the follow, or the request). */
  showingReblogs: boolean;
  /** The viewer is notified of the account's posts. */
  notifying: boolean;
  /** The languages the viewer follows the account for; null when every language. */
  languages: string[] | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  /** When the mute ends; null for a mute without end (or no mute). */
  mutingExpiresAt: number | null;
  /** The viewer's follow request is waiting for the account's answer. */
  requested: boolean;
  /** The account's follow request is waiting for the viewer's answer. */
  requestedBy: boolean;
  domainBlocking: boolean;
  endorsed: boolean;
  /** The viewer's private note about the account ('' when none). */
  note: string;
}

/** The viewer's relationship to each account of `accountIds`, in that order. */
export async function loadRelationships(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewerId: string,
  accountIds: readonly string[],
): Promise<Relationship[]> {
  const rows = await loadRelationshipRows(deps.db, viewerId, accountIds, deps.clock.now());
  return accountIds.map((id) => {
    const follow = rows.following.get(id) ?? rows.requested.get(id);
    const mute = rows.muting.get(id);
    return {
      accountId: id,
      following: rows.following.has(id),
      showingReblogs: follow?.showReblogs ?? false,
      notifying: follow?.notify ?? false,
      languages: follow?.languages ?? null,
      followedBy: rows.followedBy.has(id),
      blocking: rows.blocking.has(id),
      blockedBy: rows.blockedBy.has(id),
      muting: mute !== undefined,
      mutingNotifications: mute?.hideNotifications ?? false,
      mutingExpiresAt: mute?.expiresAt ?? null,
      requested: rows.requested.has(id),
      requestedBy: rows.requestedBy.has(id),
      domainBlocking: rows.domainBlocking.has(id),
      endorsed: rows.endorsed.has(id),
      note: rows.notes.get(id) ?? '',
    };
  });
}

/** The viewer's relationship to one account. */
export async function loadRelationship(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewerId: string,
  accountId: string,
): Promise<Relationship> {
  const [relationship] = await loadRelationships(deps, viewerId, [accountId]);
  return relationship!;
}

/**
 * GET /api/v1/accounts/relationships: the relationships to the accounts among `ids` that
 * exist, each once, in the order asked. Suspended accounts are left out unless
 * `withSuspended` (Mastodon 4.3's `with_suspended`).
 */
export async function relationshipsFor(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewerId: string,
  ids: readonly string[],
  options: { withSuspended: boolean },
): Promise<Relationship[]> {
  const wanted = [...new Set(ids)];
  const accounts = await findAccountsByIds(deps.db, wanted);
  const found = new Set(
    accounts.filter((a) => options.withSuspended || a.suspendedAt === null).map((a) => a.id),
  );
  return loadRelationships(
    deps,
    viewerId,
    wanted.filter((id) => found.has(id)),
  );
}
