/**
 * The entities the streams carry, rendered by the same serializers as the REST answers, so a
 * post arriving on a stream is byte for byte what GET /api/v1/statuses/:id would show the
 * same viewer (with the viewer's filters of the stream's context applied, so a `hide` filter
 * keeps a post off the stream). app.ts hands this to the streaming hub, which may not import
 * the API.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountConversation } from '../../db/repositories/account-conversations.ts';
import { findNotification } from '../../db/repositories/notifications.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { NotificationJson } from './serializers/notification.ts';
import { findAnnouncement } from '../../db/repositories/announcements.ts';
import { announcementViews } from '../../domain/announcements/read.ts';
import { reactionCount } from '../../domain/announcements/reactions.ts';
import { serializeAnnouncement, type AnnouncementJson } from './serializers/announcement.ts';
import type { StatusJson } from './serializers/status.ts';
import { notificationsJson } from './notifications-json.ts';
import { statusesJson } from './statuses-json.ts';
import type { ConversationJson } from './serializers/conversation.ts';
import { conversationsJson } from './v1/conversations.ts';

export interface StreamEntities {
  status(
    status: StatusRecord,
    viewer: AccountRecord | null,
    context: 'home' | 'public' | null,
  ): Promise<StatusJson | null>;
  notification(notificationId: string, viewer: AccountRecord): Promise<NotificationJson | null>;
  conversation(
    accountConversationId: string,
    viewer: AccountRecord,
  ): Promise<ConversationJson | null>;
  announcement(announcementId: string): Promise<AnnouncementJson | null>;
  announcementReactionCount(announcementId: string, name: string): Promise<number>;
}

export function streamEntities(deps: Pick<Deps, 'db' | 'clock' | 'config'>): StreamEntities {
  return {
    async status(status, viewer, context) {
      const [json] = await statusesJson(deps, [status], viewer, {
        filterContext: context ?? undefined,
      });
      return json ?? null;
    },
    async notification(notificationId, viewer) {
      const record = await findNotification(deps.db, viewer.id, notificationId);
      if (!record || record.filtered) return null;
      const [json] = await notificationsJson(deps, [record], viewer);
      return json ?? null;
    },
    // As GET /api/v1/conversations shows it to the participant.
    async conversation(accountConversationId, viewer) {
      const row = await findAccountConversation(deps.db, viewer.id, accountConversationId);
      if (!row) return null;
      const [json] = await conversationsJson(deps, [row], viewer);
      return json ?? null;
    },
    // As Mastodon renders it for the streams: without the reader's `read` and `me`.
    async announcement(announcementId) {
      const found = await findAnnouncement(deps.db, announcementId);
      if (!found || !found.published) return null;
      const [view] = await announcementViews(deps, [found], null);
      return view ? serializeAnnouncement(view, deps.config.baseUrl) : null;
    },
    announcementReactionCount: (announcementId, name) => reactionCount(deps, announcementId, name),
  };
}
