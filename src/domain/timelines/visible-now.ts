/**
 * What a feed may show its reader at the moment of reading. Fan-out decided once, when the
 * post arrived; since then the reader may have blocked or muted someone, or been blocked, and
 * posts may have been deleted or made unreachable. This drops those, for a whole page in a
 * fixed number of queries: StatusPolicy (statuses/visibility.ts) plus the feed's block and
 * mute rules.
 */
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import { findStatusesMentioning } from '../../db/views/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from '../statuses/access.ts';
import { canSee } from '../statuses/visibility.ts';
import { readerFacts } from './reader-facts.ts';

/** The entries of a home or list feed that `reader` may still see, in order. */
export async function visibleInFeed(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  entries: readonly StatusRecord[],
): Promise<StatusRecord[]> {
  const originalIds = entries.map((s) => s.reblogOfId).filter((id): id is string => id !== null);
  const originals = new Map(
    (await findStatusesByIds(deps.db, [...new Set(originalIds)])).map((s) => [s.id, s]),
  );
  const all = [...entries, ...originals.values()];
  const authorIds = [...new Set(all.map((s) => s.accountId))];
  const restricted = all.filter((s) => s.visibility === 'private' || s.visibility === 'direct');
  const [authors, facts, mentioning] = await Promise.all([
    findAccountsByIds(deps.db, authorIds),
    readerFacts(deps.db, reader.id, authorIds, deps.clock.now()),
    findStatusesMentioning(
      deps.db,
      reader.id,
      restricted.map((s) => s.id),
    ),
  ]);
  const authorOf = new Map(authors.map((a) => [a.id, a]));
  const viewer = { account: reader, facts };
  const seen = (s: StatusRecord): boolean => {
    const author = authorOf.get(s.accountId);
    return (
      author !== undefined &&
      canSee(viewer, {
        status: s,
        author,
        mentionedIds: new Set(mentioning.has(s.id) ? [reader.id] : []),
      })
    );
  };
  const hidden = (accountId: string) =>
    accountId !== reader.id && (facts.blocking.has(accountId) || facts.muting.has(accountId));
  return entries.filter((s) => {
    if (!seen(s)) return false;
    if (s.accountId === reader.id) return true;
    if (hidden(s.accountId)) return false;
    if (s.reblogOfId === null) return true;
    const original = originals.get(s.reblogOfId);
    if (!original || !seen(original) || hidden(original.accountId)) return false;
    const domain = authorOf.get(original.accountId)?.domain ?? null;
    return domain === null || !facts.blockedDomains.has(domain.toLowerCase());
  });
}

/** Statuses of a public or hashtag timeline that `viewer` may see (StatusFilter). */
export async function visibleInPublic(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  statuses: readonly StatusRecord[],
): Promise<StatusRecord[]> {
  const access = await checkAccess(deps, viewer, statuses);
  return statuses.filter((s) => access.listable(s));
}
