/**
 * The seam any code uses to have a remote file cached: a durable job on the `pull` queue
 * (Mastodon fetches remote things there), one waiting job per file at most.
 *
 * @example
 * await enqueueRemoteMediaCache(deps, 'avatar', account.id);
 */
import type { Deps } from '../context.ts';

export const cacheRemoteMediaJob = 'media.cache_remote';

export interface CacheRemoteMediaPayload {
  kind: string;
  id: string;
  force?: boolean;
}

export async function enqueueRemoteMediaCache(
  deps: Pick<Deps, 'queue'>,
  kind: string,
  id: string,
  options: { force?: boolean } = {},
): Promise<void> {
  const payload: CacheRemoteMediaPayload = { kind, id, ...(options.force ? { force: true } : {}) };
  await deps.queue.enqueue('pull', cacheRemoteMediaJob, payload, {
    uniqueKey: `${cacheRemoteMediaJob}:${kind}:${id}`,
    maxAttempts: 5,
  });
}
