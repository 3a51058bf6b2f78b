/**
 * The cached avatars and headers of remote accounts, for their views: a cached copy counts
 * only while it was fetched from the account's current address.
 */
import type { Config } from '../../config/schema.ts';
import type { Queryable } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findRemoteMediaFiles } from '../../db/repositories/remote-media-files.ts';
import { publicMediaUrl } from '../media-attachments/urls.ts';

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
  return found;
}
