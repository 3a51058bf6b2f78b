/**
 * Which statuses a viewer may see, decided for many statuses at once: the authors, the
 * viewer's relationships to them and the mentions of the viewer are each loaded in one query,
 * then Mastodon's StatusPolicy (visibility.ts) is applied to each status.
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  findStatusById,
  findStatusesByIds,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import { findStatusesMentioning } from '../../db/views/statuses.ts';
import type { Deps } from '../context.ts';
import { loadRelationshipFacts, noFacts } from '../relationships/facts.ts';
import { canSee, type Viewer } from './visibility.ts';

export interface AccessCheck {
  /** The viewer with its relationships to every author involved, or null when anonymous. */
  viewer: Viewer | null;
  authors: Map<string, AccountRecord>;
  /** The statuses decided about, by id, with the boosted ones. */
  statuses: ReadonlyMap<string, StatusRecord>;
  /** May the viewer see this status (and, for a boost, the boosted status)? */
  canSee(status: StatusRecord): boolean;
  /**
   * StatusFilter: may it appear in a list the viewer reads (context, lookups)? Also hides
   * statuses of accounts the viewer blocks or mutes, or whose domain the viewer blocks.
   */
  listable(status: StatusRecord): boolean;
}

/**
 * Decisions just made, by the very records they were made for: a timeline page is checked as
 * it is read, then checked again by the status views that render it, in the same request. The
 * second check reuses the first when it is for the same viewer, covers every status asked
 * about and is at most `reuseMs` old; records are read anew for each request, so a decision
 * never outlives the request that made it by more than that.
 */
const decided = new WeakMap<
  StatusRecord,
  { viewerId: string | null; at: number; access: Decided }
>();
const reuseMs = 1000;

interface Decided extends AccessCheck {
  /** The ids of the statuses decided about (boosted ones included). */
  ids: ReadonlySet<string>;
}

function decidedBefore(
  viewer: AccountRecord | null,
  statuses: readonly StatusRecord[],
): AccessCheck | null {
  const entry = statuses.length === 0 ? undefined : decided.get(statuses[0]!);
  if (!entry || entry.viewerId !== (viewer?.id ?? null)) return null;
  if (performance.now() - entry.at > reuseMs) return null;
  return statuses.every((s) => entry.access.ids.has(s.id)) ? entry.access : null;
}

/**
 * Prepares visibility decisions about `statuses` (boosted statuses must be among them or are
 * loaded) for `viewerAccount`.
 */
export async function checkAccess(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewerAccount: AccountRecord | null,
  statuses: readonly StatusRecord[],
): Promise<AccessCheck> {
  const before = decidedBefore(viewerAccount, statuses);
  if (before) return before;
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const missing = statuses
    .map((s) => s.reblogOfId)
    .filter((id): id is string => id !== null && !byId.has(id));
  for (const s of await findStatusesByIds(deps.db, [...new Set(missing)])) byId.set(s.id, s);
  const all = [...byId.values()];
  const authorIds = [...new Set(all.map((s) => s.accountId))];
  const restricted = all
    .filter((s) => s.visibility === 'private' || s.visibility === 'direct')
    .map((s) => s.id);
  // The viewer's own posts need no relationship facts; only other authors' do.
  const others = authorIds.filter((id) => id !== viewerAccount?.id);
  const [authorList, facts, mentioning] = await Promise.all([
    findAccountsByIds(deps.db, authorIds),
    viewerAccount && others.length > 0
      ? loadRelationshipFacts(deps.db, viewerAccount.id, others, deps.clock.now())
      : Promise.resolve(viewerAccount ? noFacts() : null),
    viewerAccount
      ? findStatusesMentioning(deps.db, viewerAccount.id, restricted)
      : Promise.resolve(new Set<string>()),
  ]);
  const authors = new Map(authorList.map((a) => [a.id, a]));
  const viewer = viewerAccount && facts ? { account: viewerAccount, facts } : null;
  const one = (status: StatusRecord): boolean => {
    const author = authors.get(status.accountId);
    if (!author) return false;
    const mentionedIds = new Set(viewer && mentioning.has(status.id) ? [viewer.account.id] : []);
    return canSee(viewer, { status, author, mentionedIds });
  };
  const see = (status: StatusRecord): boolean => {
    if (!one(status)) return false;
    if (status.reblogOfId === null) return true;
    const original = byId.get(status.reblogOfId);
    return original !== undefined && one(original);
  };
  const access: Decided = {
    ids: new Set(byId.keys()),
    viewer,
    authors,
    statuses: byId,
    canSee: see,
    listable: (status) => {
      if (!see(status)) return false;
      if (!viewer || status.accountId === viewer.account.id) return true;
      const author = authors.get(status.accountId)!;
      const { blocking, muting, blockedDomains, following } = viewer.facts;
      if (blocking.has(author.id) || muting.has(author.id)) return false;
      if (author.domain !== null && blockedDomains.has(author.domain.toLowerCase())) return false;
      // A limited (silenced) account is seen only by its followers.
      return author.silencedAt === null || following.has(author.id);
    },
  };
  const entry = { viewerId: viewerAccount?.id ?? null, at: performance.now(), access };
  for (const status of statuses) decided.set(status, entry);
  return access;
}

/**
 * The status `id` if the viewer may see it; otherwise Mastodon's 404, the same answer as for
 * a status that does not exist, so that its existence does not leak.
 */
export async function findVisibleStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  id: string,
): Promise<StatusRecord> {
  const status = isId(id) ? await findStatusById(deps.db, id) : null;
  if (!status) throw notFound();
  const access = await checkAccess(deps, viewer, [status]);
  if (!access.canSee(status)) throw notFound();
  return status;
}
