/**
 * When backfills happen: a local account's follow of a remote account being accepted
 * enqueues an outbox backfill of that account on the `pull` queue (one waiting job per
 * account). The work itself loads Fedify on demand, so registering costs nothing at start.
 *
 * @example const stop = registerBackfill(deps, jobs, () => fedify.load());
 */
import type { Federation } from '@fedify/fedify';
import type { JobRuntime } from '../../core/queue.ts';
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';

export const outboxBackfillJob = 'backfill.outbox';

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
  });
  return () => {
    stopHandler();
    stopListening();
  };
}
