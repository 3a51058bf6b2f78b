/**
 * The parameters the notification lists share: `types[]`, `exclude_types[]`, `account_id`,
 * `include_filtered` and `grouped_types[]`, read as Mastodon reads them (unknown types are
 * ignored; an `account_id` that is no id matches nobody).
 */
import { isId } from '../../core/ids.ts';
import { notificationFilter, type NotificationFilter } from '../../domain/notifications/list.ts';
import { booleanParam } from './boolean-param.ts';
import type { Params } from './params.ts';

/** A parameter given once or as an array, as a list of strings. */
export function listParam(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function filterParams(
  params: Params,
  options: { byAccount: boolean } = { byAccount: true },
): NotificationFilter {
  const account = options.byAccount ? params.account_id : undefined;
  const given = account !== undefined && account !== null && account !== '';
  return notificationFilter({
    types: listParam(params.types),
    excludeTypes: listParam(params.exclude_types),
    fromAccountId: given ? (isId(String(account)) ? String(account) : '0') : null,
    includeFiltered: booleanParam(params.include_filtered) ?? false,
  });
}

/** Page sizes of the notification lists (Mastodon's DEFAULT_NOTIFICATIONS_LIMIT, twice it). */
export const notificationPageLimits = { defaultLimit: 40, maxLimit: 80 };

/** Limits of the unread counts (DEFAULT_NOTIFICATIONS_COUNT_LIMIT, MAX_…). */
export const unreadCountLimits = { defaultLimit: 100, maxLimit: 1000 };
