/**
 * The domain events the outbox bridge (bridge.ts) turns into activities. Fedify is loaded on
 * demand, so app.ts listens to these before the bridge exists and loads it on the first one;
 * the bridge refuses to react to an event missing here, so the list cannot silently drift.
 */
import type { DomainEvents } from '../../domain/events.ts';

export const outboxEvents = [
  'status.created',
  'status.updated',
  'status.deleted',
  'status.reblogged',
  'status.favourited',
  'status.unfavourited',
  'status.reacted',
  'status.unreacted',
  'quote.decided',
  'quote.answered',
  'quote.revoked',
  'status.quote_policy_changed',
  'follow.requested',
  'follow.removed',
  'follow.accepted',
  'follow.rejected',
  'block.created',
  'block.removed',
  'account.updated',
  'poll.voted',
  'poll.tallies_changed',
  'poll.closed',
  'account.deleting',
  'report.created',
  'account.moved',
  'relay.added',
  'relay.removed',
] as const satisfies readonly (keyof DomainEvents)[];
