/**
 * What the streaming hub is told: small signals naming what changed (a post, a notification),
 * never rendered JSON. Each process renders and filters for its own connections, so in the
 * scaled-out shape a Redis pub/sub bridge only has to carry these few bytes between processes
 * (redis-bridge.ts implements `SignalBus` on Redis; `LocalSignalBus` serves one process).
 */
export type StreamSignal =
  | { type: 'status.created'; statusId: string }
  | { type: 'status.updated'; statusId: string }
  | { type: 'status.deleted'; statusId: string }
  | { type: 'notification.created'; notificationId: string; accountId: string }
  | { type: 'filters.changed'; accountId: string }
  | { type: 'notifications.merged'; accountId: string }
  | { type: 'conversation.updated'; accountId: string; accountConversationId: string }
  | { type: 'announcement.published'; announcementId: string }
  | { type: 'announcement.removed'; announcementId: string }
  | { type: 'announcement.reacted'; announcementId: string; name: string };

export interface SignalBus {
  publish(signal: StreamSignal): Promise<void>;
  /** Calls `handler` with every signal published by any process; returns the unsubscribe. */
  subscribe(handler: (signal: StreamSignal) => void): () => void;
  /** Resolves once this process hears every process's signals. */
  ready(): Promise<unknown>;
  close(): Promise<void>;
}

/** The bus of the embedded shape: signals go straight to this process's handlers. */
export class LocalSignalBus implements SignalBus {
  readonly #handlers = new Set<(signal: StreamSignal) => void>();

  async publish(signal: StreamSignal): Promise<void> {
    for (const handler of this.#handlers) handler(signal);
  }

  subscribe(handler: (signal: StreamSignal) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}
