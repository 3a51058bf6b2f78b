/**
 * Which domain events change the precomputed feeds and conversations, and the durable
 * `feeds.process` job (on `default`) that changes them. The write that emitted the event has
 * committed; a failure here is retried, never lost. Jobs about one post, or one pair of
 * accounts, share an ordering key so that a deletion never overtakes its fan-out.
 */
import { findListsOf } from '../../db/repositories/lists.ts';
import {
  deleteEntriesInvolving,
  deleteStatusFromFeeds,
} from '../../db/repositories/feed-entries.ts';
import type { Deps } from '../context.ts';
import type { DomainEvents } from '../events.ts';
import { addToConversations, removeFromConversations } from '../conversations/on-direct-status.ts';
import { dropUnfollowedFromLists } from '../lists/account-lists.ts';
import { statusOrderingKey } from '../statuses/ordering-key.ts';
import { fanOutStatus } from './fan-out.ts';
import { clearFromHome, mergeIntoHome, unmergeFromHome } from './home-feed.ts';

export const feedJob = 'feeds.process';

type JobDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

interface Handling<K extends keyof DomainEvents> {
  orderingKey(event: DomainEvents[K]): string;
  run(deps: JobDeps, event: DomainEvents[K]): Promise<void>;
}

const ofStatus = statusOrderingKey;
const ofPair = (e: { accountId: string; targetAccountId: string }) =>
  `feeds:pair:${e.accountId}:${e.targetAccountId}`;

const handling = {
  'status.created': {
    orderingKey: (e) => ofStatus(e.statusId),
    run: async (deps, e) => {
      const status = await fanOutStatus(deps, e.statusId);
      if (!status) return;
      for (const updated of await addToConversations(deps, status)) {
        await deps.events.emit('conversation.updated', updated);
      }
    },
  },
  'status.reblogged': {
    orderingKey: (e) => ofStatus(e.statusId),
    run: async (deps, e) => {
      await fanOutStatus(deps, e.statusId);
    },
  },
  'status.deleted': {
    orderingKey: (e) => ofStatus(e.statusId),
    run: async (deps, e) => {
      await deleteStatusFromFeeds(deps.db, e.statusId);
      await removeFromConversations(deps, e.statusId);
    },
  },
  'follow.created': {
    orderingKey: ofPair,
    run: (deps, e) => mergeIntoHome(deps, e.accountId, e.targetAccountId),
  },
  'follow.removed': {
    orderingKey: ofPair,
    run: async (deps, e) => {
      await unmergeFromHome(deps, e.accountId, e.targetAccountId);
      await dropUnfollowedFromLists(deps, e.accountId, e.targetAccountId);
    },
  },
  'block.created': {
    orderingKey: ofPair,
    run: async (deps, e) => {
      await clearFromHome(deps, e.accountId, e.targetAccountId);
      const lists = await findListsOf(deps.db, e.accountId);
      await deleteEntriesInvolving(
        deps.db,
        'list',
        lists.map((l) => l.id),
        e.targetAccountId,
      );
    },
  },
} satisfies { [K in keyof DomainEvents]?: Handling<K> };

export type FeedEvent = keyof typeof handling;
export const feedEvents = Object.keys(handling) as FeedEvent[];

export interface FeedJobPayload {
  event: FeedEvent;
  data: unknown;
}

function handlingOf<K extends FeedEvent>(name: K): Handling<K> {
  return handling[name] as unknown as Handling<K>;
}

/** The `feeds.process` job of `event` (jobs/timelines.ts stores it when the event happens). */
export function feedJobFor<K extends FeedEvent>(
  name: K,
  event: DomainEvents[K],
): { payload: FeedJobPayload; orderingKey: string } {
  return {
    payload: { event: name, data: event },
    orderingKey: handlingOf(name).orderingKey(event),
  };
}

/** Runs one `feeds.process` job. */
export async function runFeedJob(deps: JobDeps, payload: unknown): Promise<void> {
  const job = payload as Partial<FeedJobPayload> | null;
  if (!job || typeof job.event !== 'string' || !(job.event in handling)) {
    throw new Error(`not a feed job: ${JSON.stringify(payload)}`);
  }
  await handlingOf(job.event).run(deps, job.data as never);
}
