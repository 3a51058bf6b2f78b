/**
 * The kinds of notification Woolly makes, with Mastodon's properties of each
 * (Notification::PROPERTIES and Notification::Groups): whether a recipient's policy may filter
 * it, whether it is grouped in the grouped (v2) list, and whether it is about a status.
 */
export const notificationTypes = [
  'mention',
  'status',
  'reblog',
  'follow',
  'follow_request',
  'favourite',
  'poll',
  'update',
  'admin.sign_up',
  'admin.report',
  'quote',
  'quoted_update',
  // Pleroma's and Akkoma's: someone reacted to the recipient's post with an emoji.
  'pleroma:emoji_reaction',
] as const;

export type NotificationType = (typeof notificationTypes)[number];

export const isNotificationType = (value: string): value is NotificationType =>
  (notificationTypes as readonly string[]).includes(value);

/**
 * Types a policy may filter or drop. Polls, edits and moderation notices always reach the
 * recipient: they concern something the recipient took part in or is responsible for.
 */
const filterable: ReadonlySet<NotificationType> = new Set([
  'mention',
  'reblog',
  'follow',
  'follow_request',
  'favourite',
  'quote',
  'pleroma:emoji_reaction',
]);

export const isFilterable = (type: NotificationType): boolean => filterable.has(type);

/** Types the grouped list folds together (by status, or by type alone) within a window. */
export const groupableTypes: readonly NotificationType[] = [
  'favourite',
  'reblog',
  'follow',
  'admin.sign_up',
];

/** Types whose notification carries a status (Mastodon's `status_type?`). */
const withStatus: ReadonlySet<string> = new Set([
  'favourite',
  'reblog',
  'status',
  'mention',
  'poll',
  'update',
  'quoted_update',
  'quote',
  'pleroma:emoji_reaction',
]);

export const carriesStatus = (type: string): boolean => withStatus.has(type);

/** The types a notification request counts (Mastodon's NotificationRequest). */
export const requestTypes: readonly NotificationType[] = ['mention', 'quote'];

/**
 * Types in Mastodon's `browserable` order of the requested `types[]` minus `exclude_types[]`;
 * null when every type is wanted. Unknown names are ignored, as Mastodon ignores them.
 */
export function requestedTypes(
  types: readonly string[],
  excludeTypes: readonly string[],
): NotificationType[] | null {
  const base = types.length === 0 ? [...notificationTypes] : types.filter(isNotificationType);
  const wanted = base.filter((t) => !excludeTypes.includes(t));
  return wanted.length === notificationTypes.length ? null : [...new Set(wanted)];
}
