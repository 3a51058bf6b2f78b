/**
 * The `trends.refresh` job (Mastodon's Scheduler::Trends::RefreshScheduler): every few
 * minutes, on the scheduler queue, the tags, links and posts of the last days are scored
 * (scoring.ts) and their rankings replaced. Reading trends never computes them.
 */
import { idAtTime } from '../../core/ids.ts';
import { replaceTrends } from '../../db/repositories/trends.ts';
import { linkActivity, postActivity, tagActivity } from '../../db/views/trend-activity.ts';
import type { Deps } from '../context.ts';
import { rankByDailyAccounts, rankPosts, trendSettings } from './scoring.ts';

export const refreshTrendsJob = 'trends.refresh';
export const refreshEveryMs = 5 * 60 * 1000;

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export interface RefreshCounts {
  tags: number;
  links: number;
  statuses: number;
}

export async function refreshTrends(deps: Pick<Deps, 'db' | 'clock'>): Promise<RefreshCounts> {
  const now = deps.clock.now();
  // From UTC midnight `windowDays - 1` days ago: the days of the history.
  const firstDay = (Math.floor(now / dayMs) - trendSettings.windowDays + 1) * dayMs;
  const days = { id: idAtTime(firstDay), ms: firstDay };
  const postsSince = now - trendSettings.postWindowHours * hourMs;
  const tags = rankByDailyAccounts(await tagActivity(deps.db, days), now);
  const links = rankByDailyAccounts(await linkActivity(deps.db, days), now);
  const statuses = rankPosts(
    await postActivity(
      deps.db,
      { id: idAtTime(postsSince), ms: postsSince },
      trendSettings.minInteractions,
    ),
    now,
  );
  await replaceTrends(deps.db, 'tag', tags, now);
  await replaceTrends(deps.db, 'link', links, now);
  await replaceTrends(deps.db, 'status', statuses, now);
  return { tags: tags.length, links: links.length, statuses: statuses.length };
}
