/**
 * The outbox bridge: the one place where local actions become outgoing activities. It
 * listens to domain events (after their transaction committed), which reach it through
 * durable jobs (durable.ts), and hands each activity to Fedify; nothing else in Woolly calls
 * sendActivity, so a post or a follow never waits for, nor fails because of, a remote server.
 *
 * @example const stop = startOutbox(deps, federation); // stop() on shutdown
 */
import type { Context, Federation } from '@fedify/fedify';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { onAccountUpdated } from './account.ts';
import { onAccountDeleting } from './account-deleted.ts';
import { onReportCreated } from './flag.ts';
import { onAccountMoved } from './move.ts';
import { onPollChanged, onPollVoted } from './polls.ts';
import {
  onQuoteAnswered,
  onQuoteDecided,
  onQuotePolicyChanged,
  onQuoteRevoked,
  onQuotingStatusCreated,
} from './quotes.ts';
import { onStatusReacted, onStatusUnreacted } from './reactions.ts';
import { onRelayAdded, onRelayRemoved } from './relays.ts';
import {
  onFollowAccepted,
  onFollowRejected,
  onFollowRemoved,
  onFollowRequested,
} from './follows.ts';
import { onBlockCreated, onBlockRemoved, onFavourited, onUnfavourited } from './interactions.ts';
import {
  onStatusCreated,
  onStatusDeleted,
  onStatusReblogged,
  onStatusUpdated,
} from './statuses.ts';

type Reaction<K extends keyof DomainEvents> = (
  ctx: Context<Deps>,
  event: DomainEvents[K],
) => Promise<void>;

export function startOutbox(deps: Deps, federation: Federation<Deps>): () => void {
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const stops: (() => void)[] = [];
  const on = <K extends keyof DomainEvents>(name: K, reaction: Reaction<K>) => {
    stops.push(
      // A failure reaches the caller: the event's job (outbox/durable.ts) is retried.
      deps.events.on(name, (event) => reaction(ctx, event)),
    );
  };
  on('status.created', onStatusCreated);
  on('status.updated', onStatusUpdated);
  on('status.deleted', onStatusDeleted);
  on('status.reblogged', onStatusReblogged);
  on('status.favourited', onFavourited);
  on('status.unfavourited', onUnfavourited);
  on('status.reacted', onStatusReacted);
  on('status.unreacted', onStatusUnreacted);
  on('quote.decided', onQuoteDecided);
  on('quote.answered', onQuoteAnswered);
  on('quote.revoked', onQuoteRevoked);
  on('status.quote_policy_changed', onQuotePolicyChanged);
  on('status.created', onQuotingStatusCreated);
  on('follow.requested', onFollowRequested);
  on('follow.removed', onFollowRemoved);
  on('follow.accepted', onFollowAccepted);
  on('follow.rejected', onFollowRejected);
  on('block.created', onBlockCreated);
  on('block.removed', onBlockRemoved);
  on('account.updated', onAccountUpdated);
  on('poll.voted', onPollVoted);
  on('poll.tallies_changed', onPollChanged);
  on('poll.closed', onPollChanged);
  on('account.deleting', onAccountDeleting);
  on('report.created', onReportCreated);
  on('account.moved', onAccountMoved);
  on('relay.added', onRelayAdded);
  on('relay.removed', onRelayRemoved);
  return () => {
    for (const stop of stops) stop();
  };
}
