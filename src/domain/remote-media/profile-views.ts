/**
 * The cached avatars and headers of remote accounts, for their views: a cached copy counts
 * only while it was fetched from the account's current address. With MEDIA_CACHE_MODE=lazy,
 * one not cached yet is shown through the media proxy, which fetches it on first view (as
 * attachments are); in eager mode the `pull` job has it, and until then the remote address
 * is shown.
 */
import type { Config } from '../../config/schema.ts';
import type { Queryable } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findRemoteMediaFiles } from '../../db/repositories/remote-media-files.ts';
import { mediaProxyPrefix } from '../media-attachments/media-view.ts';
import { publicMediaUrl } from '../media-attachments/urls.ts';

/** The media proxy's address for a remote account's avatar or header. */
export function profileImageProxyUrl(
  config: Pick<Config, 'baseUrl'>,
  accountId: string,
  kind: 'avatar' | 'header',
): string {
  return `${config.baseUrl}${mediaProxyPrefix}accounts/${accountId}/${kind}`;
}

export async function cachedProfileImageUrls(
  deps: { db: Queryable; config: Pick<Config, 'baseUrl' | 'media'> },
  accounts: readonly AccountRecord[],
): Promise<Map<string, { avatarUrl?: string; headerUrl?: string }>> {
  const remote = accounts.filter((a) => a.domain !== null);
  const found = new Map<string, { avatarUrl?: string; headerUrl?: string }>();
  if (remote.length === 0) return found;
  const byId = new Map(remote.map((a) => [a.id, a]));
  const files = await findRemoteMediaFiles(
    deps.db,
    ['avatar', 'header'],
    remote.map((a) => a.id),
  );
  for (const file of files) {
    const account = byId.get(file.ownerId);
    if (!account) continue;
    const current = file.kind === 'avatar' ? account.avatarRemoteUrl : account.headerRemoteUrl;
    if (current !== file.remoteUrl) continue;
    const entry = found.get(file.ownerId) ?? {};
    const url = publicMediaUrl(deps.config, file.fileKey);
    if (file.kind === 'avatar') entry.avatarUrl = url;
    else entry.headerUrl = url;
    found.set(file.ownerId, entry);
  }
  if (deps.config.media.cacheMode !== 'lazy') return found;
  for (const account of remote) {
    const entry = found.get(account.id) ?? {};
    if (account.avatarRemoteUrl && !entry.avatarUrl) {
      entry.avatarUrl = profileImageProxyUrl(deps.config, account.id, 'avatar');
    }
    if (account.headerRemoteUrl && !entry.headerUrl) {
      entry.headerUrl = profileImageProxyUrl(deps.config, account.id, 'header');
    }
    found.set(account.id, entry);
  }
  return found;
}
