/**
 * The `mute.expire` job (Mastodon's DeleteMuteWorker): a mute with a duration is enqueued to
 * run when it ends, and deletes the mute then unless it has been renewed since.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { expireMute, expireMuteJob, type ExpireMutePayload } from '../domain/relationships/mute.ts';

export function registerMuteExpiry(deps: Deps, jobs: JobRuntime): void {
  jobs.register(expireMuteJob, (payload) => expireMute(deps, payload as ExpireMutePayload));
}
