/**
 * The image kinds of remote accounts and emojis: avatars (400x400, cropped, as Mastodon
 * crops them), headers (1500x500) and remote custom emojis (kept as they are, 256 KiB at
 * most, Mastodon's emoji limit).
 */
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Queryable } from '../../db/database.ts';
import { registerRemoteImageKind } from './kinds.ts';

const mib = 1024 * 1024;
export const emojiSizeLimit = 256 * 1024;

async function remoteAccount(db: Queryable, id: string) {
  const account = await findAccountById(db, id);
  return account && account.domain !== null ? account : null;
}

const accountDomain = async (deps: { db: Queryable }, id: string) =>
  (await remoteAccount(deps.db, id))?.domain ?? null;

registerRemoteImageKind('avatar', {
  remoteUrl: async (deps, id) => (await remoteAccount(deps.db, id))?.avatarRemoteUrl ?? null,
  domain: accountDomain,
  box: { width: 400, height: 400 },
  crop: true,
  maxBytes: 2 * mib,
});

registerRemoteImageKind('header', {
  remoteUrl: async (deps, id) => (await remoteAccount(deps.db, id))?.headerRemoteUrl ?? null,
  domain: accountDomain,
  box: { width: 1500, height: 500 },
  crop: true,
  maxBytes: 2 * mib,
});

registerRemoteImageKind('emoji', {
  async remoteUrl(deps, id) {
    if (!/^[0-9]{1,19}$/.test(id)) return null;
    const row = await deps.db.get<{ image_url: string }>(
      'SELECT image_url FROM custom_emojis WHERE id = ? AND domain IS NOT NULL',
      [id],
    );
    return row ? String(row.image_url) : null;
  },
  async domain(deps, id) {
    if (!/^[0-9]{1,19}$/.test(id)) return null;
    const row = await deps.db.get<{ domain: string | null }>(
      'SELECT domain FROM custom_emojis WHERE id = ?',
      [id],
    );
    return row?.domain ?? null;
  },
  box: null,
  maxBytes: emojiSizeLimit,
});
