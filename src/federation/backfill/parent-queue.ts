/**
 * A remote reply arrived whose parent Woolly does not have: a `backfill.parent` job on `pull`
 * fetches it (and its missing ancestors, parent.ts) instead of waiting for someone to open
 * the thread. Nothing is queued for a parent on this server or on a suspended one.
 */
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';

export const parentBackfillJob = 'backfill.parent';

export interface ParentBackfillPayload {
  statusId: string;
  parentUri: string;
}

export async function queueParentFetch(
  deps: Deps,
  reply: StatusRecord | null,
  parentUri: string | null,
): Promise<void> {
  if (!reply || reply.local || reply.inReplyToId !== null || parentUri === null) return;
  let parent: URL;
  try {
    parent = new URL(parentUri);
  } catch {
    return;
  }
  if (parent.origin === new URL(deps.config.baseUrl).origin) return;
  if (await isDomainSuspended(deps, parent.hostname)) return;
  const payload: ParentBackfillPayload = { statusId: reply.id, parentUri: parent.href };
  await deps.queue.enqueue('pull', parentBackfillJob, payload, {
    uniqueKey: `${parentBackfillJob}:${reply.id}`,
    maxAttempts: 3,
  });
}
