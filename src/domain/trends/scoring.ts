/**
 * How trends are scored, in the spirit of Mastodon's Trends::Tags, ::Links and ::Statuses
 * (which compare each hour's use with what was expected and let the best score decay with a
 * half-life): simpler, and computed from the posts themselves every few minutes.
 *
 * - Tags and links: distinct accounts per UTC day over the last `windowDays`, each day
 *   weighing half the day after it (today 1, yesterday 0.5, ...), so a tag that many people
 *   use today outranks one that was popular last week. At least `minAccounts` accounts in
 *   the window.
 * - Posts: boosts + favourites, halved every `postHalfLifeHours` of the post's age; posts
 *   older than `postWindowHours` or with fewer than `minInteractions` are not considered.
 */
import type { DailyActivity, PostActivity } from '../../db/views/trend-activity.ts';
import type { RankedTrend, TrendDay } from '../../db/repositories/trends.ts';

export const trendSettings = {
  windowDays: 7,
  minAccounts: 2,
  postWindowHours: 48,
  postHalfLifeHours: 6,
  minInteractions: 2,
  /** How many of each kind are kept ranked. */
  maxRanked: 200,
} as const;

const dayMs = 86_400_000;
const hourMs = 3_600_000;

const byScore = (a: RankedTrend, b: RankedTrend) =>
  b.score - a.score || (a.targetId < b.targetId ? 1 : -1);

/** The days of the window, today first, without any use. */
export function emptyDays(today: number): TrendDay[] {
  return Array.from({ length: trendSettings.windowDays }, (_, i) => ({
    day: ((today - i) * dayMs) / 1000,
    accounts: 0,
    uses: 0,
  }));
}

/** Tags or links ranked from their daily activity, as of `now`. */
export function rankByDailyAccounts(
  activity: readonly DailyActivity[],
  now: number,
): RankedTrend[] {
  const today = Math.floor(now / dayMs);
  const totals = new Map<string, { score: number; accounts: number; history: TrendDay[] }>();
  for (const a of activity) {
    const age = today - a.day;
    if (age < 0 || age >= trendSettings.windowDays) continue;
    let t = totals.get(a.targetId);
    if (!t) {
      t = { score: 0, accounts: 0, history: emptyDays(today) };
      totals.set(a.targetId, t);
    }
    t.score += a.accounts * 0.5 ** age;
    t.accounts += a.accounts;
    t.history[age] = { day: t.history[age]!.day, accounts: a.accounts, uses: a.uses };
  }
  return [...totals]
    .filter(([, t]) => t.accounts >= trendSettings.minAccounts)
    .map(([targetId, t]) => ({ targetId, score: t.score, history: t.history }))
    .sort(byScore)
    .slice(0, trendSettings.maxRanked);
}

/** Posts ranked by their decayed interactions, as of `now`. */
export function rankPosts(posts: readonly PostActivity[], now: number): RankedTrend[] {
  return posts
    .map((p) => ({
      targetId: p.statusId,
      score:
        p.interactions *
        0.5 ** (Math.max(now - p.createdAt, 0) / hourMs / trendSettings.postHalfLifeHours),
    }))
    .sort(byScore)
    .slice(0, trendSettings.maxRanked);
}
