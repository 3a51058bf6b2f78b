/**
 * Mastodon's content retention settings (Admin > Server settings > Content retention), in
 * the `settings` table under Mastodon's names, in days; unset or 0 keeps things forever:
 * - `media_cache_retention_period`: cached remote attachments, emojis and preview images;
 * - `content_cache_retention_period`: remote posts no local user has a stake in;
 * - `backups_retention_period`: user archives (domain/archives/expire.ts).
 */
import { readSettings, writeSetting } from '../../db/repositories/settings.ts';
import { AppError } from '../../core/errors.ts';
import type { Deps } from '../context.ts';

export const retentionSettingNames = [
  'media_cache_retention_period',
  'content_cache_retention_period',
  'backups_retention_period',
] as const;
export type RetentionSettingName = (typeof retentionSettingNames)[number];

export type RetentionSettings = Record<RetentionSettingName, number | null>;

export async function getRetentionSettings(deps: Pick<Deps, 'db'>): Promise<RetentionSettings> {
  const stored = await readSettings(deps.db);
  const days = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
  return {
    media_cache_retention_period: days(stored.media_cache_retention_period),
    content_cache_retention_period: days(stored.content_cache_retention_period),
    backups_retention_period: days(stored.backups_retention_period),
  };
}

/** Sets periods in days; null or 0 removes the limit. Mastodon refuses less than a day. */
export async function setRetentionSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  changes: Partial<RetentionSettings>,
): Promise<RetentionSettings> {
  for (const [name, value] of Object.entries(changes)) {
    if (!(retentionSettingNames as readonly string[]).includes(name)) {
      throw new AppError(422, `Unknown retention setting ${name}`);
    }
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 36500)) {
      throw new AppError(422, `${name} must be a whole number of days`);
    }
    await writeSetting(deps.db, name, value === 0 ? null : value, deps.clock.now());
  }
  return getRetentionSettings(deps);
}
