/**
 * A post's thread (GET /api/v1/statuses/:id/context), as Mastodon's StatusThreadingConcern
 * builds it: the ancestors from the root down, and the descendants depth-first with the
 * author's own replies brought to the top. The tree is walked with recursive queries on the
 * `in_reply_to_id` index; posts the viewer may not see, or has blocked or muted, are left out
 * without cutting the thread around them.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from './access.ts';
import { contextLimits } from './limits.ts';

export interface StatusContext {
  ancestors: StatusRecord[];
  descendants: StatusRecord[];
}

/** However deep a thread goes, a walk stops here (a guard against a corrupt cycle). */
const maxWalkDepth = 4096;
/** The most replies read to order a thread's descendants. */
const maxTreeRows = 20_000;

const byId = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

async function ancestorIds(
  deps: Pick<Deps, 'db'>,
  status: StatusRecord,
  limit: number,
): Promise<string[]> {
  if (status.inReplyToId === null) return [];
  const rows = await deps.db.all<{ id: string | number }>(
    `WITH RECURSIVE up(id, in_reply_to_id, depth) AS (
       SELECT id, in_reply_to_id, 1 FROM statuses WHERE id = ?
       UNION ALL
       SELECT s.id, s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.in_reply_to_id
        WHERE up.depth < ?
     )
     SELECT id FROM up ORDER BY depth LIMIT ${Math.trunc(limit)}`,
    [status.inReplyToId, maxWalkDepth],
  );
  return rows.map((r) => String(r.id)).reverse();
}

/** Mastodon's ORDER BY path: depth-first, siblings oldest first; the first `limit`. */
async function descendantIds(
  deps: Pick<Deps, 'db'>,
  status: StatusRecord,
  limit: number,
  depth: number | null,
): Promise<string[]> {
  const rows = await deps.db.all<{ id: string | number; in_reply_to_id: string | number }>(
    `WITH RECURSIVE down(id, in_reply_to_id, depth) AS (
       SELECT id, in_reply_to_id, 1 FROM statuses WHERE in_reply_to_id = ?
       UNION ALL
       SELECT s.id, s.in_reply_to_id, down.depth + 1 FROM statuses s JOIN down ON s.in_reply_to_id = down.id
        WHERE down.depth < ?
     )
     SELECT id, in_reply_to_id FROM down LIMIT ${maxTreeRows}`,
    [status.id, Math.min(depth ?? maxWalkDepth, maxWalkDepth)],
  );
  const children = new Map<string, string[]>();
  for (const row of rows) {
    const parent = String(row.in_reply_to_id);
    const list = children.get(parent) ?? [];
    list.push(String(row.id));
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(byId);
  const ordered: string[] = [];
  const stack = [...(children.get(status.id) ?? [])].reverse();
  while (stack.length > 0 && ordered.length < limit) {
    const id = stack.pop()!;
    ordered.push(id);
    const next = children.get(id);
    if (next) for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return ordered;
}

/** Moves the author's replies to themselves ahead of the first reply by someone else. */
function promoteSelfReplies(statuses: StatusRecord[]): StatusRecord[] {
  const self = (s: StatusRecord) => s.inReplyToAccountId === s.accountId;
  const firstOther = statuses.findIndex((s) => !self(s));
  if (firstOther === -1) return statuses;
  const head = statuses.slice(0, firstOther);
  const rest = statuses.slice(firstOther);
  return [...head, ...rest.filter(self), ...rest.filter((s) => !self(s))];
}

export async function statusContext(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  status: StatusRecord,
): Promise<StatusContext> {
  const limits = viewer ? contextLimits.signedIn : contextLimits.anonymous;
  const [up, down] = await Promise.all([
    ancestorIds(deps, status, limits.ancestors),
    descendantIds(deps, status, limits.descendants, limits.depth),
  ]);
  const loaded = new Map(
    (await findStatusesByIds(deps.db, [...up, ...down])).map((s) => [s.id, s]),
  );
  const inOrder = (ids: string[]) =>
    ids.map((id) => loaded.get(id)).filter((s): s is StatusRecord => s !== undefined);
  const ancestors = inOrder(up);
  const descendants = inOrder(down);
  const access = await checkAccess(deps, viewer, [...ancestors, ...descendants]);
  return {
    ancestors: ancestors.filter(access.listable),
    descendants: promoteSelfReplies(descendants.filter(access.listable)),
  };
}
