/**
 * Whether trends show at all and whether an admin must approve each one first. Mastodon
 * shows only what an admin reviewed (`trendable`); Woolly shows every trend by default (a
 * small server has no one reviewing) and an admin can require review, approve or reject
 * (`woolly trends`). A rejection always hides the item, whatever the setting.
 * Kept in the `settings` table as `trends` (default on) and `trends_require_review` (off).
 */
import { readSettings, writeSetting } from '../../db/repositories/settings.ts';
import { saveTrendReview, type TrendKind } from '../../db/repositories/trends.ts';
import type { Deps } from '../context.ts';

export interface TrendSettings {
  enabled: boolean;
  requireReview: boolean;
}

export async function trendSettingsOf(deps: Pick<Deps, 'db'>): Promise<TrendSettings> {
  const stored = await readSettings(deps.db);
  return {
    enabled: stored.trends !== false,
    requireReview: stored.trends_require_review === true,
  };
}

export async function changeTrendSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  changes: Partial<TrendSettings>,
): Promise<TrendSettings> {
  const now = deps.clock.now();
  if (changes.enabled !== undefined) await writeSetting(deps.db, 'trends', changes.enabled, now);
  if (changes.requireReview !== undefined) {
    await writeSetting(deps.db, 'trends_require_review', changes.requireReview, now);
  }
  return trendSettingsOf(deps);
}

/** An admin's decision on one tag, post or link (by id). */
export async function reviewTrend(
  deps: Pick<Deps, 'db' | 'clock'>,
  kind: TrendKind,
  targetId: string,
  trendable: boolean,
): Promise<void> {
  await saveTrendReview(deps.db, kind, targetId, trendable, deps.clock.now());
}
