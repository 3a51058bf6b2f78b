/**
 * Link preview cards, wired in one call from app.ts: the `preview_card.fetch` job on the
 * `pull` queue, fed by new and edited posts, fetching through the remote-media fetcher
 * (federation's address rules). Returns a function that unsubscribes the event handlers.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import {
  fetchCardForStatus,
  fetchCardJob,
  fetchCardsOnEvents,
  type FetchCardPayload,
  type PageFetcher,
} from '../domain/preview-cards/fetch-card.ts';

export function registerPreviewCards(
  deps: Deps,
  jobs: JobRuntime,
  fetcher: PageFetcher,
): () => void {
  jobs.register(fetchCardJob, (payload) =>
    fetchCardForStatus(deps, fetcher, payload as FetchCardPayload),
  );
  return fetchCardsOnEvents(deps);
}
