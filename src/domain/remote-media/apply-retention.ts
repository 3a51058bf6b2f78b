/**
 * The daily retention run (Mastodon's Vacuum workers, run by the scheduler with no cron):
 * the content cache retention period removes remote posts older than it that no local user
 * has a stake in (status-retention.ts); the media cache retention period clears cached
 * remote attachments, emojis and other registered image kinds older than it. Avatars and
 * headers are not cleared by it (Mastodon leaves them to `media remove --prune-profiles`).
 */
import type { Deps } from '../context.ts';
import { remoteImageKinds } from './kinds.ts';
import './profile-kinds.ts';
import { removeRemoteMedia, type RemovalTally } from './retention.ts';
import { getRetentionSettings } from './retention-settings.ts';
import { removeOldRemoteStatuses, type StatusRemovalTally } from './status-retention.ts';

export async function applyContentRetention(deps: Deps): Promise<StatusRemovalTally | null> {
  const days = (await getRetentionSettings(deps)).content_cache_retention_period;
  return days === null ? null : removeOldRemoteStatuses(deps, { days });
}

export async function applyMediaRetention(deps: Deps): Promise<RemovalTally | null> {
  const settings = await getRetentionSettings(deps);
  const days = settings.media_cache_retention_period;
  if (days === null) return null;
  const kinds = remoteImageKinds().filter((k) => k !== 'avatar' && k !== 'header');
  return removeRemoteMedia(deps, { days, kinds });
}
