/**
 * When a remote account's featured hashtags are read: each time Woolly stores or refreshes the
 * account from an actor document naming a `featuredTags` collection (Mastodon does it in
 * ProcessAccountService), a `backfill.featured_tags` job on the `pull` queue (one waiting job
 * per account) reads it (featured-tags.ts). Fedify is loaded by the job, on demand.
 *
 * @example await queueFeaturedTagsRead(deps, account, actor);
 */
import type { Federation } from '@fedify/fedify';
import type { Actor } from '@fedify/vocab';
import type { JobRuntime } from '../../core/queue.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import type { FeaturedTagsPayload } from './featured-tags.ts';

export const featuredTagsJob = 'backfill.featured_tags';

/** Queues the read of `actor`'s featured hashtags for `account`, its stored copy. */
export async function queueFeaturedTagsRead(
  deps: Pick<Deps, 'queue'>,
  account: AccountRecord,
  actor: Actor,
): Promise<void> {
  const url = actor.featuredTagsId;
  if (!url || account.domain === null || account.suspendedAt !== null) return;
  const payload: FeaturedTagsPayload = { accountId: account.id, url: url.href };
  await deps.queue.enqueue('pull', featuredTagsJob, payload, {
    uniqueKey: `${featuredTagsJob}:${account.id}`,
    maxAttempts: 3,
  });
}

export function registerFeaturedTagsRead(
  deps: Deps,
  jobs: JobRuntime,
  loadFederation: () => Promise<Federation<Deps>>,
): () => void {
  return jobs.register(featuredTagsJob, async (payload) => {
    const [federation, { backfillFeaturedTags }] = await Promise.all([
      loadFederation(),
      import('./featured-tags.ts'),
    ]);
    await backfillFeaturedTags(federation, deps, payload as FeaturedTagsPayload);
  });
}
