/**
 * A write and the domain events it causes, as one: `emit` inside the transaction runs the
 * event's recorders in it (the federation outbox stores its job there, see
 * federation/outbox/durable.ts), so the write and that job commit or roll back together, and
 * a crash right after the commit loses nothing. The event's handlers (streaming,
 * notifications, feeds, the outbox's relay) hear it once the transaction has committed, in the
 * order the events were emitted; a rolled-back transaction emits nothing.
 *
 * @example
 * await transactionWithEvents(deps, async (tx, emit) => {
 *   if (await deleteBlock(tx, source.id, target.id)) {
 *     await emit('block.removed', { accountId: source.id, targetAccountId: target.id });
 *   }
 * });
 */
import type { Queryable } from '../db/database.ts';
import type { Deps } from './context.ts';
import type { DomainEvents } from './events.ts';

/** Emits a domain event from inside a transaction: recorded now, heard after the commit. */
export type EmitInTransaction = <K extends keyof DomainEvents>(
  name: K,
  event: DomainEvents[K],
) => Promise<void>;

type Happened = { [K in keyof DomainEvents]: [K, DomainEvents[K]] }[keyof DomainEvents];

export async function transactionWithEvents<T>(
  deps: Pick<Deps, 'db' | 'events'>,
  fn: (tx: Queryable, emit: EmitInTransaction) => Promise<T>,
): Promise<T> {
  const happened: Happened[] = [];
  const result = await deps.db.transaction((tx) =>
    fn(tx, async (name, event) => {
      await deps.events.record(tx, name, event);
      happened.push([name, event] as Happened);
    }),
  );
  for (const [name, event] of happened) await deps.events.emit(name, event);
  return result;
}
