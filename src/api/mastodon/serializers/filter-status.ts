/** Mastodon's FilterStatus entity (REST::FilterStatusSerializer). */
import type { FilterStatusRecord } from '../../../db/repositories/filters.ts';

export interface FilterStatusJson {
  id: string;
  status_id: string;
}

export function serializeFilterStatus(row: FilterStatusRecord): FilterStatusJson {
  return { id: row.id, status_id: row.statusId };
}
