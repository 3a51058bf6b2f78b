/**
 * When backfills happen, each as a job on the `pull` queue (one waiting job per subject):
 * a local account's follow of a remote account being accepted backfills that account's
 * outbox and its featured (pinned) posts; opening the thread of a remote post backfills its
 * ancestors and replies (again at most once an hour per post in this process); a remote reply whose parent is unknown
 * fetches its parent (parent-queue.ts, queued by the inbox). The work itself loads Fedify on demand, so
 * registering costs nothing at start.
 *
 * @example const stop = registerBackfill(deps, jobs, () => fedify.load());
 */
import type { Federation } from '@fedify/fedify';
import type { JobRuntime } from '../../core/queue.ts';
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import { registerFeaturedTagsRead } from './featured-tags-queue.ts';
import { parentBackfillJob, type ParentBackfillPayload } from './parent-queue.ts';

export const outboxBackfillJob = 'backfill.outbox';
export const featuredBackfillJob = 'backfill.featured';
export const threadBackfillJob = 'backfill.thread';

const threadCooldownMs = 3_600_000;
const rememberedThreads = 10_000;

export function registerBackfill(
  deps: Deps,
  jobs: JobRuntime,
  loadFederation: () => Promise<Federation<Deps>>,
): () => void {
  const stopHandler = jobs.register(outboxBackfillJob, async (payload) => {
    const [federation, { backfillOutbox }] = await Promise.all([
      loadFederation(),
      import('./outbox.ts'),
    ]);
    await backfillOutbox(federation, deps, payload as { accountId: string });
  });
  const stopFeaturedHandler = jobs.register(featuredBackfillJob, async (payload) => {
    const [federation, { backfillFeatured }] = await Promise.all([
      loadFederation(),
      import('./featured.ts'),
    ]);
    await backfillFeatured(federation, deps, payload as { accountId: string });
  });
  const stopFeaturedTagsHandler = registerFeaturedTagsRead(deps, jobs, loadFederation);
  const stopListening = deps.events.on('follow.accepted', async (event) => {
    const [follower, target] = await Promise.all([
      findAccountById(deps.db, event.accountId),
      findAccountById(deps.db, event.targetAccountId),
    ]);
    if (!follower || !target || follower.domain !== null || target.domain === null) return;
    await deps.queue.enqueue(
      'pull',
      outboxBackfillJob,
      { accountId: target.id },
      { uniqueKey: `${outboxBackfillJob}:${target.id}`, maxAttempts: 3 },
    );
    if (target.featuredUrl) {
      await deps.queue.enqueue(
        'pull',
        featuredBackfillJob,
        { accountId: target.id },
        { uniqueKey: `${featuredBackfillJob}:${target.id}`, maxAttempts: 3 },
      );
    }
  });
  const stopThreadHandler = jobs.register(threadBackfillJob, async (payload) => {
    const [federation, { backfillThread }] = await Promise.all([
      loadFederation(),
      import('./thread.ts'),
    ]);
    await backfillThread(federation, deps, payload as { statusId: string });
  });
  const stopParentHandler = jobs.register(parentBackfillJob, async (payload) => {
    const [federation, { backfillParent }] = await Promise.all([
      loadFederation(),
      import('./parent.ts'),
    ]);
    await backfillParent(federation, deps, payload as ParentBackfillPayload);
  });
  const lastThreadBackfill = new Map<string, number>();
  const stopThreadListening = deps.events.on('status.thread_opened', async ({ statusId }) => {
    const now = deps.clock.now();
    const last = lastThreadBackfill.get(statusId);
    if (last !== undefined && now - last < threadCooldownMs) return;
    if (lastThreadBackfill.size >= rememberedThreads) lastThreadBackfill.clear();
    lastThreadBackfill.set(statusId, now);
    await deps.queue.enqueue(
      'pull',
      threadBackfillJob,
      { statusId },
      { uniqueKey: `${threadBackfillJob}:${statusId}`, maxAttempts: 3 },
    );
  });
  return () => {
    stopHandler();
    stopFeaturedHandler();
    stopFeaturedTagsHandler();
    stopListening();
    stopThreadHandler();
    stopThreadListening();
    stopParentHandler();
  };
}
