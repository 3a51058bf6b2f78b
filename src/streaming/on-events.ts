/**
 * Which domain events the streams hear of: new posts and boosts, edited and deleted posts,
 * new notifications, and changed filters. Each becomes a small signal on the bus, which carries it to every process
 * holding streams (only this one in the embedded shape).
 */
import type { Deps } from '../domain/context.ts';
import type { SignalBus } from './signals.ts';

export function signalOnEvents(deps: Pick<Deps, 'events' | 'log'>, bus: SignalBus): () => void {
  const publish = (signal: Parameters<SignalBus['publish']>[0]) =>
    bus
      .publish(signal)
      .catch((error: unknown) =>
        deps.log.error('streaming: could not publish a signal', { error, signal }),
      );
  const offs = [
    deps.events.on('status.created', (e) =>
      publish({ type: 'status.created', statusId: e.statusId }),
    ),
    // A boost is a status of its own, announced by its own event.
    deps.events.on('status.reblogged', (e) =>
      publish({ type: 'status.created', statusId: e.statusId }),
    ),
    deps.events.on('status.updated', (e) =>
      publish({ type: 'status.updated', statusId: e.statusId }),
    ),
    deps.events.on('status.deleted', (e) =>
      publish({ type: 'status.deleted', statusId: e.statusId }),
    ),
    deps.events.on('filters.changed', (e) =>
      publish({ type: 'filters.changed', accountId: e.accountId }),
    ),
    deps.events.on('notifications.merged', (e) =>
      publish({ type: 'notifications.merged', accountId: e.accountId }),
    ),
    deps.events.on('conversation.updated', (e) =>
      publish({
        type: 'conversation.updated',
        accountId: e.accountId,
        accountConversationId: e.accountConversationId,
      }),
    ),
    deps.events.on('announcement.published', (e) =>
      publish({ type: 'announcement.published', announcementId: e.announcementId }),
    ),
    deps.events.on('announcement.removed', (e) =>
      publish({ type: 'announcement.removed', announcementId: e.announcementId }),
    ),
    deps.events.on('announcement.reacted', (e) =>
      publish({ type: 'announcement.reacted', announcementId: e.announcementId, name: e.name }),
    ),
    deps.events.on('notification.created', (e) =>
      publish({
        type: 'notification.created',
        notificationId: e.notificationId,
        accountId: e.accountId,
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}
