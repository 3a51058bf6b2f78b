/**
 * Avatars and headers uploaded with `PATCH /api/v1/accounts/update_credentials`: checked like
 * any upload (type from the bytes, size and pixel limits), cropped to Mastodon's sizes
 * (avatar 400x400, header 1500x500), oriented, stripped and stored by content. The files are
 * made before the profile is saved and removed again if saving fails, so a refused request
 * changes nothing.
 */
import { readFile } from 'node:fs/promises';
import {
  findAccountImageKeys,
  setAccountImageKeys,
  type AccountImageKeys,
} from '../../db/repositories/account-images.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { tooLarge, unsupportedType } from './errors.ts';
import { processingLimits } from './limits.ts';
import { sizeOf, type ImageSize, type MediaSource } from './ports.ts';
import { rejectedAs422 } from './rejected.ts';
import { removeUnusedFiles, writeFiles } from './write-files.ts';

const boxes: Record<'avatar' | 'header', ImageSize> = {
  avatar: { width: 400, height: 400 },
  header: { width: 1500, height: 500 },
};

export interface ProfileImages {
  /** In memory or on disk (a streamed upload): read into memory once within the image limit. */
  avatar?: MediaSource | null;
  header?: MediaSource | null;
}

async function prepare(
  deps: Deps,
  which: 'avatar' | 'header',
  source: MediaSource,
): Promise<string> {
  const sniffed = await deps.media.processor.sniff(source);
  if (!sniffed || sniffed.type !== 'image') throw unsupportedType();
  const limit = deps.config.media.limits.imageSize;
  if (sizeOf(source) > limit) throw tooLarge(limit);
  const bytes = Buffer.isBuffer(source) ? source : await readFile(source.path);
  const { file } = await rejectedAs422(() =>
    deps.media.processor.thumbnail(bytes, boxes[which], processingLimits(deps.config), {
      crop: true,
    }),
  );
  const { keys } = await writeFiles(deps.media.storage, [file]);
  return keys[0]!;
}

/**
 * Stores the new images and returns their keys plus a function that saves them on the
 * account (call it once the rest of the profile is saved) and one that undoes the storing.
 */
export async function prepareProfileImages(deps: Deps, accountId: string, images: ProfileImages) {
  const keys: Partial<AccountImageKeys> = {};
  try {
    if (images.avatar && sizeOf(images.avatar) > 0) {
      keys.avatarKey = await prepare(deps, 'avatar', images.avatar);
    }
    if (images.header && sizeOf(images.header) > 0) {
      keys.headerKey = await prepare(deps, 'header', images.header);
    }
  } catch (error) {
    await discard(deps, keys);
    throw error;
  }
  return {
    /**
     * Saves the new keys; with `announce`, also emits `account.updated` (pass false when the
     * rest of the profile changed and was announced already).
     */
    async save(options: { announce: boolean }): Promise<void> {
      if (keys.avatarKey === undefined && keys.headerKey === undefined) return;
      const previous = (await findAccountImageKeys(deps.db, [accountId])).get(accountId);
      await transactionWithEvents(deps, async (tx, emit) => {
        await setAccountImageKeys(tx, accountId, keys, deps.clock.now());
        if (options.announce) await emit('account.updated', { accountId });
      });
      const replaced = [
        keys.avatarKey !== undefined ? (previous?.avatarKey ?? null) : null,
        keys.headerKey !== undefined ? (previous?.headerKey ?? null) : null,
      ].filter((k) => k !== keys.avatarKey && k !== keys.headerKey);
      await removeUnusedFiles(deps.db, deps.media.storage, replaced, '0');
    },
    discard: () => discard(deps, keys),
  };
}

async function discard(deps: Deps, keys: Partial<AccountImageKeys>): Promise<void> {
  await removeUnusedFiles(
    deps.db,
    deps.media.storage,
    [keys.avatarKey ?? null, keys.headerKey ?? null],
    '0',
  );
}

/**
 * Removes the account's avatar or header (`DELETE /api/v1/profile/avatar`, `/header`): the
 * account goes back to the default image, the stored file is deleted unless something else
 * names the same content, and `account.updated` is emitted (federation sends the new
 * profile). Removing an image the account does not have changes nothing.
 *
 * @example await removeProfileImage(deps, account.id, 'avatar');
 */
export async function removeProfileImage(
  deps: Deps,
  accountId: string,
  which: 'avatar' | 'header',
): Promise<void> {
  const previous = (await findAccountImageKeys(deps.db, [accountId])).get(accountId);
  const key = which === 'avatar' ? previous?.avatarKey : previous?.headerKey;
  if (!key) return;
  const change: Partial<AccountImageKeys> =
    which === 'avatar' ? { avatarKey: null } : { headerKey: null };
  await transactionWithEvents(deps, async (tx, emit) => {
    await setAccountImageKeys(tx, accountId, change, deps.clock.now());
    await emit('account.updated', { accountId });
  });
  await removeUnusedFiles(deps.db, deps.media.storage, [key], '0');
}
