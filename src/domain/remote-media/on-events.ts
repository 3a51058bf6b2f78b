/**
 * With MEDIA_CACHE_MODE=eager, a remote account's avatar and header are fetched when the
 * account is first seen or changes (the job does nothing when the cached copy is current).
 * Returns a function that unsubscribes.
 */
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { enqueueRemoteMediaCache } from './enqueue.ts';

export function cacheProfileImagesOnEvents(deps: Deps): () => void {
  if (deps.config.media.cacheMode !== 'eager') return () => {};
  const onAccount = async ({ accountId }: { accountId: string }) => {
    const account = await findAccountById(deps.db, accountId);
    if (!account || account.domain === null) return;
    if (account.avatarRemoteUrl) await enqueueRemoteMediaCache(deps, 'avatar', accountId);
    if (account.headerRemoteUrl) await enqueueRemoteMediaCache(deps, 'header', accountId);
  };
  const offCreated = deps.events.on('account.created', onAccount);
  const offUpdated = deps.events.on('account.updated', onAccount);
  return () => {
    offCreated();
    offUpdated();
  };
}
