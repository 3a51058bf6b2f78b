/**
 * What an admin sees and decides of trends (`woolly trends`): the current rankings with each
 * item's review, and approving or rejecting a tag by name, a link by URL or a post by id.
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { findCardByUrl, findCardsByIds } from '../../db/repositories/preview-cards.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import { findTagsByNames } from '../../db/repositories/tags.ts';
import { findTagsByIds, listTrends, type TrendKind } from '../../db/repositories/trends.ts';
import type { Deps } from '../context.ts';
import { reviewTrend } from './review.ts';

export interface AdminTrend {
  rank: number;
  score: number;
  /** The tag's name, the link's URL or the post's id. */
  label: string;
  /** The admin's review: approved, rejected, or not reviewed (null). */
  trendable: boolean | null;
}

export async function rankedForAdmin(
  deps: Pick<Deps, 'db'>,
  kind: TrendKind,
  limit = 50,
): Promise<AdminTrend[]> {
  const ranked = await listTrends(deps.db, kind, limit);
  const ids = ranked.map((r) => r.targetId);
  const labels = new Map<string, string>(
    kind === 'tag'
      ? (await findTagsByIds(deps.db, ids)).map((t) => [t.id, `#${t.name}`])
      : kind === 'link'
        ? (await findCardsByIds(deps.db, ids)).map((c) => [c.id, c.url])
        : ids.map((id) => [id, id]),
  );
  return ranked.map((r) => ({
    rank: r.rank,
    score: r.score,
    label: labels.get(r.targetId) ?? r.targetId,
    trendable: r.trendable,
  }));
}

/** Approves or rejects `ref`: a tag name (with or without #), a link's URL, or a post id. */
export async function reviewByReference(
  deps: Pick<Deps, 'db' | 'clock'>,
  kind: TrendKind,
  ref: string,
  trendable: boolean,
): Promise<void> {
  let id: string | null = null;
  if (kind === 'tag') {
    id = (await findTagsByNames(deps.db, [ref.replace(/^#/, '')]))[0]?.id ?? null;
  } else if (kind === 'link') {
    id = (await findCardByUrl(deps.db, ref))?.id ?? null;
  } else if (isId(ref)) {
    id = (await findStatusById(deps.db, ref))?.id ?? null;
  }
  if (id === null) throw notFound();
  await reviewTrend(deps, kind, id, trendable);
}
