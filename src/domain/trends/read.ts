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
  rankedTrendIds,
  type TrendKind,
} from '../../db/repositories/trends.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { linkActivity } from '../../db/views/trend-activity.ts';
import { idAtTime } from '../../core/ids.ts';
import type { Deps } from '../context.ts';
import type { TagRecord } from '../../db/repositories/tags.ts';
import type { TagDay } from '../tags/history.ts';
import { statusesInOrder } from '../timelines/filtered-page.ts';
import { visibleInPublic } from '../timelines/visible-now.ts';
import { trendSettingsOf } from './review.ts';
import { trendSettings } from './scoring.ts';

export interface OffsetPage {
  offset: number;
  limit: number;
}

const dayMs = 86_400_000;

async function ranked(
  deps: Pick<Deps, 'db'>,
  kind: TrendKind,
  page: OffsetPage,
): Promise<string[]> {
  const settings = await trendSettingsOf(deps);
  if (!settings.enabled) return [];
  return rankedTrendIds(deps.db, kind, { requireReview: settings.requireReview, ...page });
}

function inOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): T[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function trendingTags(deps: Pick<Deps, 'db'>, page: OffsetPage): Promise<TagRecord[]> {
  const ids = await ranked(deps, 'tag', page);
  return inOrder(ids, await findTagsByIds(deps.db, ids));
}

export async function trendingStatuses(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  page: OffsetPage,
): Promise<StatusRecord[]> {
  const ids = await ranked(deps, 'status', page);
  return visibleInPublic(deps, viewer, await statusesInOrder(deps.db, ids));
}

export interface TrendingLink {
  card: PreviewCardRecord;
  history: TagDay[];
}

export async function trendingLinks(
  deps: Pick<Deps, 'db' | 'clock'>,
  page: OffsetPage,
): Promise<TrendingLink[]> {
  const ids = await ranked(deps, 'link', page);
  const cards = inOrder(ids, await findCardsByIds(deps.db, ids));
  const now = deps.clock.now();
  const today = Math.floor(now / dayMs);
  const firstDay = (today - trendSettings.windowDays + 1) * dayMs;
  const activity = await linkActivity(deps.db, { id: idAtTime(firstDay), ms: firstDay }, ids);
  const counts = new Map(activity.map((a) => [`${a.targetId}:${a.day}`, a]));
  return cards.map((card) => ({
    card,
    history: Array.from({ length: trendSettings.windowDays }, (_, i) => {
      const a = counts.get(`${card.id}:${today - i}`);
      return { day: ((today - i) * dayMs) / 1000, uses: a?.uses ?? 0, accounts: a?.accounts ?? 0 };
    }),
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
