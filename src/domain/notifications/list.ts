/**
 * The notifications of one account as the v1 list pages them (Mastodon's
 * `browserable` scope and `to_a_paginated_by_id`): newest first, with the requested types,
 * optionally from one account, and without the ones the policy filtered unless asked.
 */
import type { NotificationRecord } from '../../db/repositories/notifications.ts';
import { listNotifications, type NotificationFilter } from '../../db/views/notifications.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';
import { requestedTypes } from './types.ts';

export type { NotificationFilter };

/** The filter of a request's `types[]`, `exclude_types[]`, `account_id`, `include_filtered`. */
export function notificationFilter(input: {
  types?: readonly string[];
  excludeTypes?: readonly string[];
  fromAccountId?: string | null;
  includeFiltered?: boolean;
}): NotificationFilter {
  return {
    types: requestedTypes(input.types ?? [], input.excludeTypes ?? []),
    fromAccountId: input.fromAccountId ?? null,
    includeFiltered: input.includeFiltered ?? false,
  };
}

export async function notificationsPage(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  filter: NotificationFilter,
  page: Page,
): Promise<NotificationRecord[]> {
  const q = pageQuery(page, 'n.id');
  return newestFirst(await listNotifications(deps.db, accountId, filter, q), q.ascending);
}
