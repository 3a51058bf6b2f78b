/**
 * Which domain events make or withdraw notifications, and the durable job that does it.
 * Each event is handed to a `notifications.process` job on the `default` queue: the write
 * that emitted it has committed, and a failure here is retried instead of lost.
 *
 * Jobs about one activity (a favourite and its undoing, a post and its deletion) share an
 * ordering key, so they run one after another, in the order they happened.
 */
import type { DomainEvents } from '../events.ts';
import { statusOrderingKey } from '../statuses/ordering-key.ts';
import { onReportCreated, onSignUpProgress } from './on-admin.ts';
import { onBlocked } from './on-block.ts';
import {
  onFollowed,
  onFollowRequestAnswered,
  onFollowRequested,
  onUnfollowed,
} from './on-follow.ts';
import { onFavourited, onReblogged, onUnfavourited } from './on-interaction.ts';
import type { NotifyDeps } from './notify.ts';
import { onPollClosed } from './on-poll.ts';
import { onReacted, onUnreacted } from './on-reaction.ts';
import { onStatusCreated, onStatusDeleted, onStatusUpdated } from './on-status.ts';

export const notificationJob = 'notifications.process';

type JobDeps = NotifyDeps;

interface Handling<K extends keyof DomainEvents> {
  /** False when the event can concern no one (a remote account was stored). */
  wanted?(event: DomainEvents[K]): boolean;
  orderingKey(event: DomainEvents[K]): string;
  run(deps: JobDeps, event: DomainEvents[K], at: number): Promise<void>;
}

const ofStatus = statusOrderingKey;
const ofPair = (kind: string, a: string, b: string) => `notifications:${kind}:${a}:${b}`;
const ofAccount = (e: { accountId: string }) => `notifications:account:${e.accountId}`;
const follows = (e: { accountId: string; targetAccountId: string }) =>
  ofPair('follow', e.accountId, e.targetAccountId);

const handling = {
  'status.created': { orderingKey: (e) => ofStatus(e.statusId), run: onStatusCreated },
  'status.updated': { orderingKey: (e) => ofStatus(e.statusId), run: onStatusUpdated },
  'status.deleted': {
    orderingKey: (e) =>
      e.reblogOfId === null ? ofStatus(e.statusId) : ofPair('reblog', e.accountId, e.reblogOfId),
    run: (deps, e) => onStatusDeleted(deps, e),
  },
  'status.reblogged': {
    orderingKey: (e) => ofPair('reblog', e.accountId, e.reblogOfId),
    run: onReblogged,
  },
  'status.favourited': {
    orderingKey: (e) => ofPair('favourite', e.accountId, e.statusId),
    run: onFavourited,
  },
  'status.unfavourited': {
    orderingKey: (e) => ofPair('favourite', e.accountId, e.statusId),
    run: (deps, e) => onUnfavourited(deps, e),
  },
  'status.reacted': {
    orderingKey: (e) => ofPair('reaction', e.accountId, e.statusId),
    run: onReacted,
  },
  'status.unreacted': {
    orderingKey: (e) => ofPair('reaction', e.accountId, e.statusId),
    run: (deps, e) => onUnreacted(deps, e),
  },
  'poll.closed': { orderingKey: (e) => ofStatus(e.statusId), run: onPollClosed },
  'follow.created': { orderingKey: follows, run: onFollowed },
  'follow.requested': { orderingKey: follows, run: onFollowRequested },
  'follow.accepted': { orderingKey: follows, run: (deps, e) => onFollowRequestAnswered(deps, e) },
  'follow.rejected': { orderingKey: follows, run: (deps, e) => onFollowRequestAnswered(deps, e) },
  'follow.removed': { orderingKey: follows, run: (deps, e) => onUnfollowed(deps, e) },
  'block.created': {
    orderingKey: (e) => ofPair('block', e.accountId, e.targetAccountId),
    run: (deps, e) => onBlocked(deps, e),
  },
  'account.created': {
    wanted: (e) => e.userId !== null,
    orderingKey: ofAccount,
    run: onSignUpProgress,
  },
  'user.confirmed': { orderingKey: ofAccount, run: onSignUpProgress },
  'user.approved': { orderingKey: ofAccount, run: onSignUpProgress },
  'report.created': {
    orderingKey: (e) => `notifications:report:${e.reportId}`,
    run: onReportCreated,
  },
} satisfies { [K in keyof DomainEvents]?: Handling<K> };

export type NotificationEvent = keyof typeof handling;
export const notificationEvents = Object.keys(handling) as NotificationEvent[];

export interface NotificationJobPayload {
  event: NotificationEvent;
  data: unknown;
  /** When the event was emitted. */
  at: number;
}

function handlingOf<K extends NotificationEvent>(name: K): Handling<K> {
  return handling[name] as unknown as Handling<K>;
}

/** The job for `event`, or null when it concerns no one. */
export function notificationJobFor<K extends NotificationEvent>(
  name: K,
  event: DomainEvents[K],
  at: number,
): { payload: NotificationJobPayload; orderingKey: string } | null {
  const h = handlingOf(name);
  if (h.wanted && !h.wanted(event)) return null;
  return { payload: { event: name, data: event, at }, orderingKey: h.orderingKey(event) };
}

/** Runs one `notifications.process` job. */
export async function runNotificationJob(deps: JobDeps, payload: unknown): Promise<void> {
  const job = payload as Partial<NotificationJobPayload> | null;
  if (!job || typeof job.event !== 'string' || !(job.event in handling)) {
    throw new Error(`not a notification job: ${JSON.stringify(payload)}`);
  }
  const h = handlingOf(job.event);
  await h.run(deps, job.data as never, Number(job.at));
}
