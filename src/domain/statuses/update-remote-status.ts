/**
 * A post from another server was edited (Update of a Note): its text, content warning and
 * sensitivity change and it is marked edited; `status.updated` tells timelines and
 * notifications. Only the author's own server may edit it: the caller passes the account
 * the update came from, and an update of someone else's post, or of a post Woolly does not
 * have, changes nothing.
 */
import {
  findStatusByUri,
  updateStatus,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';

export interface RemoteStatusEdit {
  uri: string;
  /** Sanitized HTML. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  editedAt: number;
}

export async function updateRemoteStatus(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  authorId: string,
  edit: RemoteStatusEdit,
): Promise<StatusRecord | null> {
  const status = await findStatusByUri(deps.db, edit.uri);
  if (!status || status.deletedAt !== null || status.local || status.accountId !== authorId) {
    return null;
  }
  // An older edit delivered after a newer one is not applied over it.
  if (status.editedAt !== null && status.editedAt >= edit.editedAt) return status;
  const changes = {
    content: edit.content,
    spoilerText: edit.spoilerText,
    sensitive: edit.sensitive,
    editedAt: edit.editedAt,
    updatedAt: deps.clock.now(),
  };
  await updateStatus(deps.db, status.id, changes);
  await deps.events.emit('status.updated', {
    statusId: status.id,
    accountId: authorId,
    local: false,
  });
  return { ...status, ...changes };
}
