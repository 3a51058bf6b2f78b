/**
 * Reading trends (GET /api/v1/trends/*): the rankings the refresh job stored, without what
 * was rejected (or not approved, when review is required), and for posts without what the
 * reader may not see (blocked or muted authors, as Mastodon's `filtered_for`).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  findCardByUrl,
  findCardsByIds,
  type PreviewCardRecord,
} from '../../db/repositories/preview-cards.ts';
import {
  findTagsByIds,
  isTrending,
  rankedTrends,
  tagRelationships,
  type TrendKind,
} from '../../db/repositories/trends.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { TagDay } from '../tags/history.ts';
import type { TagView } from '../tags/tag-views.ts';
import { statusesInOrder } from '../timelines/filtered-page.ts';
import { visibleInPublic } from '../timelines/visible-now.ts';
import { trendSettingsOf } from './review.ts';

export interface OffsetPage {
  offset: number;
  limit: number;
}

async function ranked(
  deps: Pick<Deps, 'db'>,
  kind: TrendKind,
  page: OffsetPage,
): Promise<{ targetId: string; history: TagDay[] }[]> {
  const settings = await trendSettingsOf(deps);
  if (!settings.enabled) return [];
  return rankedTrends(deps.db, kind, { requireReview: settings.requireReview, ...page });
}

function inOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): T[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The trending tags as the Tag entity shows them, with the history the refresh stored (not
 * counted again) and, for a signed-in viewer, whether they follow and feature each.
 */
export async function trendingTags(
  deps: Pick<Deps, 'db'>,
  viewerId: string | null,
  page: OffsetPage,
): Promise<TagView[]> {
  const trends = await ranked(deps, 'tag', page);
  const ids = trends.map((t) => t.targetId);
  const [tags, relations] = await Promise.all([
    findTagsByIds(deps.db, ids),
    viewerId === null ? null : tagRelationships(deps.db, viewerId, ids),
  ]);
  const history = new Map(trends.map((t) => [t.targetId, t.history]));
  return inOrder(ids, tags).map((tag) => ({
    id: tag.id,
    name: tag.displayName ?? tag.name,
    history: history.get(tag.id) ?? [],
    ...(relations
      ? { following: relations.following.has(tag.id), featuring: relations.featuring.has(tag.id) }
      : {}),
  }));
}

export async function trendingStatuses(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  page: OffsetPage,
): Promise<StatusRecord[]> {
  const ids = (await ranked(deps, 'status', page)).map((t) => t.targetId);
  return visibleInPublic(deps, viewer, await statusesInOrder(deps.db, ids));
}

export interface TrendingLink {
  card: PreviewCardRecord;
  history: TagDay[];
}

export async function trendingLinks(
  deps: Pick<Deps, 'db'>,
  page: OffsetPage,
): Promise<TrendingLink[]> {
  const trends = await ranked(deps, 'link', page);
  const ids = trends.map((t) => t.targetId);
  const history = new Map(trends.map((t) => [t.targetId, t.history]));
  return inOrder(ids, await findCardsByIds(deps.db, ids)).map((card) => ({
    card,
    history: history.get(card.id) ?? [],
  }));
}

/**
 * The card of `url` if it is a trending link an admin did not reject: the link timeline shows
 * only those, as Mastodon's (`PreviewCard.joins(:trend).merge(PreviewCardTrend.allowed)`).
 */
export async function trendingCardByUrl(
  deps: Pick<Deps, 'db'>,
  url: string,
): Promise<PreviewCardRecord | null> {
  const settings = await trendSettingsOf(deps);
  if (!settings.enabled) return null;
  const card = await findCardByUrl(deps.db, url);
  if (!card) return null;
  return (await isTrending(deps.db, 'link', card.id, settings.requireReview)) ? card : null;
}
