/** Mastodon's Marker entity (REST::MarkerSerializer), keyed by timeline in the answers. */
import type { MarkerRecord } from '../../../db/repositories/markers.ts';

export interface MarkerJson {
  last_read_id: string;
  version: number;
  updated_at: string;
}

export function serializeMarkers(markers: readonly MarkerRecord[]): Record<string, MarkerJson> {
  return Object.fromEntries(
    markers.map((m) => [
      m.timeline,
      {
        last_read_id: m.lastReadId,
        version: m.version,
        updated_at: new Date(m.updatedAt).toISOString(),
      },
    ]),
  );
}
