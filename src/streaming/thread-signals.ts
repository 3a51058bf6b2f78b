/**
 * The signal bus of a job thread (jobs/threads/): a thread holds no streams, so what its jobs
 * signal (a notification made, a post fanned out) is posted to the main thread, which
 * publishes it on its own bus for the streams it holds. Signals published in the thread also
 * reach the thread's own subscribers, as on the local bus.
 */
import type { MessagePort } from 'node:worker_threads';
import { LocalSignalBus, type StreamSignal } from './signals.ts';

/** What a job thread posts to the main thread for each signal. */
export interface SignalMessage {
  signal: StreamSignal;
}

export class ThreadSignalBus extends LocalSignalBus {
  readonly #port: Pick<MessagePort, 'postMessage'>;

  constructor(port: Pick<MessagePort, 'postMessage'>) {
    super();
    this.#port = port;
  }

  override async publish(signal: StreamSignal): Promise<void> {
    this.#port.postMessage({ signal } satisfies SignalMessage);
    await super.publish(signal);
  }
}
