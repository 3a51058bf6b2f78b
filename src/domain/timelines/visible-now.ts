/**
 * What a feed may show its reader at the moment of reading. Fan-out decided once, when the
 * post arrived; since then the reader may have blocked or muted someone, or been blocked, and
 * posts may have been deleted or made unreachable. This drops those, for a whole page in a
 * fixed number of queries: StatusPolicy (statuses/visibility.ts) plus the feed's block and
 * mute rules.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from '../statuses/access.ts';

/** The entries of a home or list feed that `reader` may still see, in order. */
export async function visibleInFeed(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  entries: readonly StatusRecord[],
): Promise<StatusRecord[]> {
  const access = await checkAccess(deps, reader, entries);
  const facts = access.viewer!.facts;
  const hidden = (accountId: string) =>
    accountId !== reader.id && (facts.blocking.has(accountId) || facts.muting.has(accountId));
  return entries.filter((s) => {
    // canSee decides a boost and its boosted post together.
    if (!access.canSee(s)) return false;
    if (s.accountId === reader.id) return true;
    if (hidden(s.accountId)) return false;
    if (s.reblogOfId === null) return true;
    const original = access.statuses.get(s.reblogOfId)!;
    if (hidden(original.accountId)) return false;
    const domain = access.authors.get(original.accountId)?.domain ?? null;
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
