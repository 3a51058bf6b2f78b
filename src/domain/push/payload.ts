/**
 * The JSON a push carries, field for field Mastodon's Web::NotificationSerializer:
 * `access_token` (the subscription's token, so the app can act on the notification),
 * `preferred_locale`, `notification_id`, `notification_type`, `icon` (the sender's avatar),
 * `title` (the notification mail's subject) and `body` (the post's content warning or text, or
 * the sender's bio, as plain text cut to 140 characters).
 *
 * `notification_id` is a JSON number as Mastodon sends it, written from the id's digits so
 * that a 64-bit id keeps every digit.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { NotificationRecord } from '../../db/repositories/notifications.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { htmlToPlainText } from '../statuses/text/plain-text.ts';
import { pushTitle } from './titles.ts';

export interface PushPayloadInput {
  notification: NotificationRecord;
  sender: AccountRecord;
  status: StatusRecord | null;
  accessToken: string | null;
  locale: string;
  /** The sender's avatar URL (the API decides what an account shows). */
  icon: string;
}

/** Rails' `truncate(text, length: 140)`: at most 140 characters, the last three `...`. */
export function truncate(text: string, length = 140): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length - 3).join('')}...`;
}

function bodyOf(status: StatusRecord | null, sender: AccountRecord): string {
  let text: string;
  if (status && status.spoilerText !== '') text = status.spoilerText;
  else if (status) text = status.local ? status.text : htmlToPlainText(status.content);
  else text = htmlToPlainText(sender.note);
  return truncate(text);
}

export function pushPayload(input: PushPayloadInput): string {
  const { notification, sender } = input;
  const json = JSON.stringify({
    access_token: input.accessToken,
    preferred_locale: input.locale,
    notification_id: '__notification_id__',
    notification_type: notification.type,
    icon: input.icon,
    title: pushTitle(notification.type, sender.displayName || sender.username),
    body: bodyOf(input.status, sender),
  });
  return json.replace(
    '"__notification_id__"',
    /^\d+$/.test(notification.id) ? notification.id : JSON.stringify(notification.id),
  );
}
