/**
 * A typed in-process event bus. Domain services emit events after their transaction commits;
 * handlers (notifications, feeds, streaming, federation) subscribe. In the scaled-out shape a
 * Redis bridge republishes the events that other processes need.
 *
 * @example
 * const bus = new EventBus<{ 'account.created': { accountId: string } }>();
 * bus.on('account.created', async (e) => { ... });
 * await bus.emit('account.created', { accountId: '1' });
 */
export type Handler<T> = (event: T) => void | Promise<void>;

export class EventBus<Events extends object> {
  readonly #handlers = new Map<keyof Events, Handler<never>[]>();
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
