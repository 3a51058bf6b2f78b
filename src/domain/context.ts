/**
 * What every domain service needs, built once in app.ts. Services take it as their first
 * argument; tests build one with a fresh database (test/helpers).
 */
import type { Config } from '../config/schema.ts';
import type { Clock } from '../core/clock.ts';
import type { EventBus } from '../core/events.ts';
import type { IdGenerator } from '../core/ids.ts';
import type { Logger } from '../core/logger.ts';
import type { JobQueue } from '../core/queue.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { DomainEvents } from './events.ts';
import type { MediaPorts } from './media-attachments/ports.ts';

export interface Deps {
  config: Config;
  db: Database;
  ids: IdGenerator;
  clock: Clock;
  log: Logger;
  /** Its recorders write in the database transaction of an event (domain/transaction.ts). */
  events: EventBus<DomainEvents, Queryable>;
  queue: JobQueue;
  /** Media storage and processing (adapters in src/media, wired in app.ts). */
  media: MediaPorts;
}
