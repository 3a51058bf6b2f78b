/**
 * Turns a signal into frames for the connected clients: loads the post once, finds the
 * subscriptions that could carry it (public and hashtag streams, with the viewers that blocks,
 * mutes and domain blocks exclude, in one query; the homes and lists the feed rules let it
 * reach, home-audience.ts), renders
 * the entity (once for the public streams, as Mastodon does, and per viewer for homes and
 * notifications, which show the viewer's own flags) and queues the frames.
 *
 * Rendering is a port: the JSON is the API's business, so app.ts hands in a `StreamRenderer`.
 */
import { findAccountById, type AccountRecord } from '../db/repositories/accounts.ts';
import { findMentionsByStatusIds } from '../db/repositories/mentions.ts';
import type { StatusRecord } from '../db/repositories/statuses.ts';
import { findTagsByStatusIds } from '../db/repositories/tags.ts';
import {
  accountsExcludedFrom,
  accountsFilteringPublic,
  findStatusEvenDeleted,
} from '../db/views/streaming.ts';
import type { Deps } from '../domain/context.ts';
import { normalizeHashtag } from '../domain/statuses/hashtags.ts';
import { streamNames } from './channels.ts';
import { publicChannelCarries, publicViewerReceives, type PostFacts } from './filter.ts';
import { homeAudience } from './home-audience.ts';
import type { StreamingHub, Subscription } from './hub.ts';
import type { StreamSignal } from './signals.ts';

/** Renders entities as the client API shows them; null when there is nothing to show. */
export interface StreamRenderer {
  /**
   * The Status entity of `status` for `viewer` (null: signed out), with the viewer's filters
   * of `context` applied (null when a `hide` filter takes it out).
   */
  status(
    status: StatusRecord,
    viewer: AccountRecord | null,
    context: 'home' | 'public' | null,
  ): Promise<StatusEntity | null>;
  /** The Notification entity, or null when it is gone or cannot be shown. */
  notification(notificationId: string, viewer: AccountRecord): Promise<object | null>;
  /** The Conversation entity of the viewer's conversation, or null when it is gone. */
  conversation(accountConversationId: string, viewer: AccountRecord): Promise<object | null>;
  /** The Announcement entity as every user sees it, or null when it is not published. */
  announcement(announcementId: string): Promise<object | null>;
  /** How many reacted to an announcement with `name`. */
  announcementReactionCount(announcementId: string, name: string): Promise<number>;
}

/** The few fields of a rendered Status the hub looks at. */
export interface StatusEntity {
  media_attachments?: unknown[];
}

type FanoutDeps = Pick<Deps, 'db' | 'clock' | 'log'>;

const publicKeys = streamNames.filter((n) => n.startsWith('public'));

/** Delivers `signal` to the clients of `hub`. */
export async function fanOut(
  deps: FanoutDeps,
  hub: StreamingHub,
  renderer: StreamRenderer,
  signal: StreamSignal,
): Promise<void> {
  // A process without streams (a web process or a worker hearing the Redis channel, a
  // streaming process nobody is connected to) loads and renders nothing.
  if (hub.clientCount === 0) return;
  if (signal.type === 'filters.changed') {
    // Mastodon's `filters_changed` has no payload: the app fetches the filters again.
    for (const sub of hub.listeners(`home:${signal.accountId}`)) {
      sub.client.send(sub.channel.streamLabel, 'filters_changed', undefined);
    }
    return;
  }
  if (signal.type === 'notifications.merged') {
    // As Mastodon: the payload is '1', on the streams that carry notifications.
    for (const sub of hub.listeners(`notifications:${signal.accountId}`)) {
      sub.client.send(sub.channel.streamLabel, 'notifications_merged', '1');
    }
    return;
  }
  if (signal.type === 'notification.created') {
    await fanOutNotification(hub, renderer, signal.notificationId, signal.accountId);
    return;
  }
  if ('announcementId' in signal) {
    await fanOutAnnouncement(hub, renderer, signal);
    return;
  }
  if (signal.type === 'conversation.updated') {
    // Mastodon's direct stream carries only these: the participant's view of the conversation.
    const subs = [...hub.listeners(`direct:${signal.accountId}`)];
    const viewer = subs[0]?.client.account;
    if (!viewer) return;
    const entity = await renderer.conversation(signal.accountConversationId, viewer);
    if (!entity) return;
    const payload = JSON.stringify(entity);
    for (const sub of subs) sub.client.send(sub.channel.streamLabel, 'conversation', payload);
    return;
  }
  const status = await findStatusEvenDeleted(deps.db, signal.statusId);
  if (!status) return;
  const deleting = signal.type === 'status.deleted';
  if (!deleting && status.deletedAt !== null) return;
  const event = deleting ? 'delete' : signal.type === 'status.updated' ? 'status.update' : 'update';
  await fanOutStatus(deps, hub, renderer, status, event);
}

/**
 * Announcements reach every user stream (Mastodon publishes them to each `timeline:<id>`):
 * `announcement` with the entity, `announcement.reaction` with the new count,
 * `announcement.delete` with the id.
 */
async function fanOutAnnouncement(
  hub: StreamingHub,
  renderer: StreamRenderer,
  signal: Extract<StreamSignal, { announcementId: string }>,
): Promise<void> {
  const accountIds = hub.homeAccountIds();
  if (accountIds.length === 0) return;
  let event: string;
  let payload: string;
  if (signal.type === 'announcement.removed') {
    event = 'announcement.delete';
    payload = signal.announcementId;
  } else if (signal.type === 'announcement.reacted') {
    event = 'announcement.reaction';
    const count = await renderer.announcementReactionCount(signal.announcementId, signal.name);
    payload = JSON.stringify({ name: signal.name, count, announcement_id: signal.announcementId });
  } else {
    const entity = await renderer.announcement(signal.announcementId);
    if (!entity) return;
    event = 'announcement';
    payload = JSON.stringify(entity);
  }
  for (const id of accountIds) {
    for (const sub of hub.listeners(`home:${id}`))
      sub.client.send(sub.channel.streamLabel, event, payload);
  }
}

async function fanOutNotification(
  hub: StreamingHub,
  renderer: StreamRenderer,
  notificationId: string,
  accountId: string,
): Promise<void> {
  const subs = [...hub.listeners(`notifications:${accountId}`)];
  const viewer = subs[0]?.client.account;
  if (!viewer) return;
  const entity = await renderer.notification(notificationId, viewer);
  if (!entity) return;
  const payload = JSON.stringify(entity);
  for (const sub of subs) sub.client.send(sub.channel.streamLabel, 'notification', payload);
}

async function fanOutStatus(
  deps: FanoutDeps,
  hub: StreamingHub,
  renderer: StreamRenderer,
  status: StatusRecord,
  event: 'update' | 'status.update' | 'delete',
): Promise<void> {
  const author = await findAccountById(deps.db, status.accountId);
  if (!author || author.suspendedAt !== null) return;
  const [mentions, tagsById, boosted] = await Promise.all([
    findMentionsByStatusIds(deps.db, [status.id]),
    findTagsByStatusIds(deps.db, [status.id]),
    status.reblogOfId ? findStatusEvenDeleted(deps.db, status.reblogOfId) : null,
  ]);
  if (status.reblogOfId && (!boosted || boosted.deletedAt !== null) && event !== 'delete') return;
  const post: PostFacts = {
    status,
    authorLocal: author.domain === null,
    mentionedIds: new Set(mentions.map((m) => m.accountId)),
    tags: new Set((tagsById.get(status.id) ?? []).map((t) => normalizeHashtag(t.name))),
    hasMedia: false,
  };
  // The entity is rendered before the media variants are decided: only it knows the media.
  const anonymous =
    event === 'delete' || status.visibility !== 'public' || status.reblogOfId !== null
      ? null
      : await renderer.status(status, null, null);
  // A deletion goes to the media streams too: the post's media can no longer be read.
  post.hasMedia = event === 'delete' || (anonymous?.media_attachments?.length ?? 0) > 0;

  const publicSubs = publicSubscriptions(hub, post);
  const audience = await homeAudience(deps, status, author, {
    homeIds: hub.homeAccountIds(),
    listIds: hub.streamedListIds(),
  });
  if (publicSubs.length > 0) {
    const involved = [...post.mentionedIds];
    if (boosted) involved.push(boosted.accountId);
    const excluded = await accountsExcludedFrom(deps.db, {
      authorId: status.accountId,
      accountIds: involved,
      authorDomain: author.domain,
      now: deps.clock.now(),
    });
    const payload = event === 'delete' ? status.id : anonymous && JSON.stringify(anonymous);
    const filtering =
      event === 'delete'
        ? new Set<string>()
        : await accountsFilteringPublic(
            deps.db,
            [...new Set(publicSubs.map((sub) => sub.client.account?.id ?? ''))].filter(Boolean),
            deps.clock.now(),
          );
    const own = new Map<string, Promise<string | null>>();
    for (const sub of payload ? publicSubs : []) {
      const viewer = sub.client.account;
      if (!publicViewerReceives(viewer?.id ?? null, sub.client.languages, post, excluded)) continue;
      if (viewer && filtering.has(viewer.id)) {
        // Rendered for this viewer: Mastodon's streaming server applies their filters too.
        const rendering =
          own.get(viewer.id) ??
          renderer.status(status, viewer, 'public').then((e) => e && JSON.stringify(e));
        own.set(viewer.id, rendering);
        const filtered = await rendering;
        if (filtered) sub.client.send(sub.channel.streamLabel, event, filtered);
        continue;
      }
      sub.client.send(sub.channel.streamLabel, event, payload!);
    }
  }
  const targets = [
    ...audience.homes.map((id) => `home:${id}`),
    ...audience.lists.map((l) => `list:${l.id}`),
  ];
  await Promise.all(
    targets.map(async (key) => {
      const subs = [...hub.listeners(key)];
      const viewer = subs[0]?.client.account;
      if (!viewer) return;
      const payload =
        event === 'delete'
          ? status.id
          : await renderer.status(status, viewer, 'home').then((e) => e && JSON.stringify(e));
      if (!payload) return;
      for (const sub of subs) sub.client.send(sub.channel.streamLabel, event, payload);
    }),
  );
}

function publicSubscriptions(hub: StreamingHub, post: PostFacts): Subscription[] {
  const subs: Subscription[] = [];
  const keys: string[] = [...publicKeys];
  for (const tag of post.tags) keys.push(`hashtag:${tag}`, `hashtag:local:${tag}`);
  for (const key of keys) {
    for (const sub of hub.listeners(key)) {
      if (publicChannelCarries(sub.channel, post)) subs.push(sub);
    }
  }
  return subs;
}
