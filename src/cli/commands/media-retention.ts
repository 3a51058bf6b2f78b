/** `woolly media retention`: shows Mastodon's content retention settings, or sets them. */
import type { Deps } from '../../domain/context.ts';
import {
  setRetentionSettings,
  type RetentionSettings,
} from '../../domain/remote-media/retention-settings.ts';
import { getRetentionSettings } from '../../domain/remote-media/retention-settings.ts';
import { UsageError } from '../command.ts';

const flags = {
  'media-cache': 'media_cache_retention_period',
  'content-cache': 'content_cache_retention_period',
  archives: 'backups_retention_period',
} as const;

export async function showOrSetRetention(
  deps: Deps,
  values: Partial<Record<keyof typeof flags, string>>,
): Promise<number> {
  const changes: Partial<RetentionSettings> = {};
  for (const [flag, setting] of Object.entries(flags) as [
    keyof typeof flags,
    keyof RetentionSettings,
  ][]) {
    const value = values[flag];
    if (value === undefined) continue;
    if (!/^\d{1,5}$/.test(value))
      throw new UsageError(`--${flag} must be a number of days (0: forever)`);
    changes[setting] = Number(value) === 0 ? null : Number(value);
  }
  const settings =
    Object.keys(changes).length > 0
      ? await setRetentionSettings(deps, changes)
      : await getRetentionSettings(deps);
  for (const [name, days] of Object.entries(settings)) {
    console.log(`${name}: ${days === null ? 'forever' : `${days} days`}`);
  }
  return 0;
}
