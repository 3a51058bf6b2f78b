/**
 * The durable `search.index` job (on `default`) that keeps the post index current after a
 * post is made, edited or deleted. The job reads the post as it is when it runs, so one
 * waiting job per post is enough (a unique key folds repeated events together). Who may
 * find a post (its author's `indexable` choice, the searcher's interactions) is decided when
 * searching, so account changes need no re-indexing.
 */
import type { Deps } from '../context.ts';
import { indexStatus } from './index-status.ts';

export const searchIndexJob = 'search.index';

export interface SearchIndexPayload {
  statusId: string;
}

/** Subscribes the job to the post events; returns a function that unsubscribes. */
export function indexOnEvents(deps: Pick<Deps, 'events' | 'queue'>): () => void {
  const enqueue = async (event: { statusId: string }) => {
    const payload: SearchIndexPayload = { statusId: event.statusId };
    await deps.queue.enqueue('default', searchIndexJob, payload, {
      uniqueKey: `search:status:${event.statusId}`,
    });
  };
  const off = [
    deps.events.on('status.created', enqueue),
    deps.events.on('status.updated', enqueue),
    deps.events.on('status.deleted', enqueue),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}

/** Runs one `search.index` job. */
export async function runSearchIndexJob(deps: Pick<Deps, 'db'>, payload: unknown): Promise<void> {
  const job = payload as Partial<SearchIndexPayload> | null;
  if (!job || typeof job.statusId !== 'string') {
    throw new Error(`not a search index job: ${JSON.stringify(payload)}`);
  }
  await indexStatus(deps, job.statusId);
}
