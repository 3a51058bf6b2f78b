/**
 * A typed in-process event bus. Domain services emit events after their transaction commits;
 * handlers (notifications, feeds, streaming, federation) subscribe. A recorder (`onRecord`)
 * writes inside the transaction itself (`record`), for what a crash must not lose. In the
 * scaled-out shape a Redis bridge republishes the events that other processes need.
 *
 * @example
 * const bus = new EventBus<{ 'account.created': { accountId: string } }>();
 * bus.on('account.created', async (e) => { ... });
 * await bus.emit('account.created', { accountId: '1' });
 */
export type Handler<T> = (event: T) => void | Promise<void>;
/** Writes, inside the transaction `tx` in which an event happens, what must outlive a crash. */
export type Recorder<T, Tx> = (tx: Tx, event: T) => Promise<void>;

/**
 * `Tx` is the transaction type that `record` hands to recorders (the database's, for domain
 * events).
 */
export class EventBus<Events extends object, Tx = unknown> {
  readonly #handlers = new Map<keyof Events, Handler<never>[]>();
  readonly #recorders = new Map<keyof Events, Recorder<never, Tx>[]>();
  readonly #onError: (name: string, error: unknown) => void;

  constructor(onError: (name: string, error: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  on<K extends keyof Events>(name: K, handler: Handler<Events[K]>): () => void {
    const list = this.#handlers.get(name) ?? [];
    list.push(handler as Handler<never>);
    this.#handlers.set(name, list);
    return () => {
      const current = this.#handlers.get(name) ?? [];
      this.#handlers.set(
        name,
        current.filter((h) => h !== handler),
      );
    };
  }

  /**
   * Registers `recorder` to run inside the transaction in which `name` happens (`record`), so
   * that what it writes (the federation outbox's job) commits or rolls back with the
   * transaction's own writes; a crash after the commit cannot lose it. The handlers of `on`
   * hear the event later, from `emit`, once the transaction has committed.
   */
  onRecord<K extends keyof Events>(name: K, recorder: Recorder<Events[K], Tx>): () => void {
    const list = this.#recorders.get(name) ?? [];
    list.push(recorder as Recorder<never, Tx>);
    this.#recorders.set(name, list);
    return () => {
      const current = this.#recorders.get(name) ?? [];
      this.#recorders.set(
        name,
        current.filter((r) => r !== recorder),
      );
    };
  }

  /**
   * Runs the recorders of `name` in `tx`, one after another (a transaction runs one statement
   * at a time). A failure rejects, so the caller's transaction rolls back with it.
   */
  async record<K extends keyof Events>(tx: Tx, name: K, event: Events[K]): Promise<void> {
    for (const recorder of (this.#recorders.get(name) ?? []) as Recorder<Events[K], Tx>[]) {
      await recorder(tx, event);
    }
  }

  /**
   * Runs every handler of `name`. A failing handler is reported and does not stop the others,
   * nor the caller: the write that emitted the event has already committed.
   */
  async emit<K extends keyof Events>(name: K, event: Events[K]): Promise<void> {
    for (const error of await this.#run(name, event)) this.#onError(String(name), error);
  }

  /**
   * Runs every handler of `name` as `emit` does, then rejects with the first failure: for a
   * caller that retries the whole event, such as a job.
   */
  async emitOrThrow<K extends keyof Events>(name: K, event: Events[K]): Promise<void> {
    const [first] = await this.#run(name, event);
    if (first !== undefined) throw first;
  }

  async #run<K extends keyof Events>(name: K, event: Events[K]): Promise<unknown[]> {
    const list = (this.#handlers.get(name) ?? []) as Handler<Events[K]>[];
    const errors: unknown[] = [];
    await Promise.all(
      list.map(async (handler) => {
        try {
          await handler(event);
        } catch (error) {
          errors.push(error ?? new Error(`a ${String(name)} handler failed`));
        }
      }),
    );
    return errors;
  }
}
