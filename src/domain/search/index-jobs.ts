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

/** The post events that change the index. */
export const searchIndexEvents = ['status.created', 'status.updated', 'status.deleted'] as const;

/** The `search.index` job of a post event (jobs/search.ts stores it when the event happens). */
export function searchIndexJobFor(event: { statusId: string }): {
  payload: SearchIndexPayload;
  uniqueKey: string;
} {
  return { payload: { statusId: event.statusId }, uniqueKey: `search:status:${event.statusId}` };
}

/** Runs one `search.index` job. */
export async function runSearchIndexJob(deps: Pick<Deps, 'db'>, payload: unknown): Promise<void> {
  const job = payload as Partial<SearchIndexPayload> | null;
  if (!job || typeof job.statusId !== 'string') {
    throw new Error(`not a search index job: ${JSON.stringify(payload)}`);
  }
  await indexStatus(deps, job.statusId);
}
