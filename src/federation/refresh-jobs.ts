/**
 * Refreshing remote accounts when they are seen: a post arriving from an account whose copy
 * is a day old enqueues an `accounts.refresh` job on the `pull` queue (one waiting job per
 * account), never a fetch inline. Fedify is loaded by the job, on demand.
 *
 * @example const stop = registerAccountRefresh(deps, jobs, () => fedify.load());
 */
import type { Federation } from '@fedify/fedify';
import type { JobRuntime } from '../core/queue.ts';
import { findAccountById } from '../db/repositories/accounts.ts';
import type { Deps } from '../domain/context.ts';

export const accountRefreshJob = 'accounts.refresh';
const staleAfterMs = 24 * 3_600_000;
const rememberedAuthors = 10_000;

export function registerAccountRefresh(
  deps: Deps,
  jobs: JobRuntime,
  loadFederation: () => Promise<Federation<Deps>>,
): () => void {
  const stopHandler = jobs.register(accountRefreshJob, async (payload) => {
    const [federation, { refreshRemoteAccount }] = await Promise.all([
      loadFederation(),
      import('./refresh.ts'),
    ]);
    await refreshRemoteAccount(federation, deps, (payload as { accountId: string }).accountId);
  });
  // Until when each author's copy is known to be fresh: a busy author's posts are not each
  // followed by a read of its row (a copy only gets fresher, so a remembered time holds).
  const freshUntil = new Map<string, number>();
  const stopListening = deps.events.on('status.created', async (event) => {
    if (event.local) return;
    const now = deps.clock.now();
    if ((freshUntil.get(event.accountId) ?? 0) >= now) return;
    const account = await findAccountById(deps.db, event.accountId);
    if (!account || account.domain === null) return;
    const until = (account.fetchedAt ?? 0) + staleAfterMs;
    if (until >= now) {
      if (freshUntil.size >= rememberedAuthors) freshUntil.clear();
      freshUntil.set(account.id, until);
      return;
    }
    await deps.queue.enqueue(
      'pull',
      accountRefreshJob,
      { accountId: account.id },
      { uniqueKey: `${accountRefreshJob}:${account.id}`, maxAttempts: 3 },
    );
  });
  return () => {
    stopHandler();
    stopListening();
  };
}
