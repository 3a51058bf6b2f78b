/** What the Redis driver stores as a BullMQ job's data: the payload and the keys it holds. */
export interface RedisJobData {
  payload: unknown;
  /** Jobs sharing it run one at a time, in order (jobs/redis/ordering.ts). */
  orderingKey?: string;
  /** Held (as BullMQ's deduplication id) until the job starts. */
  uniqueKey?: string;
}
