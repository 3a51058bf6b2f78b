/**
 * ScheduledStatus entities with their attachments, loaded for a whole list in one query.
 */
import type { ScheduledStatusRecord } from '../../db/repositories/scheduled-statuses.ts';
import { findMediaAttachmentsByIds } from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../../domain/context.ts';
import { mediaView } from '../../domain/media-attachments/media-view.ts';
import {
  serializeScheduledStatus,
  type ScheduledStatusJson,
} from './serializers/scheduled-status.ts';

export async function scheduledStatusesJson(
  deps: Pick<Deps, 'db' | 'config'>,
  records: readonly ScheduledStatusRecord[],
): Promise<ScheduledStatusJson[]> {
  const media = new Map(
    (
      await findMediaAttachmentsByIds(
        deps.db,
        records.flatMap((r) => r.mediaAttachmentIds),
      )
    ).map((m) => [m.id, mediaView(deps.config, m)]),
  );
  return records.map((record) =>
    serializeScheduledStatus(
      record,
      record.mediaAttachmentIds.flatMap((id) => media.get(id) ?? []),
    ),
  );
}

export async function scheduledStatusJson(
  deps: Pick<Deps, 'db' | 'config'>,
  record: ScheduledStatusRecord,
): Promise<ScheduledStatusJson> {
  return (await scheduledStatusesJson(deps, [record]))[0]!;
}
