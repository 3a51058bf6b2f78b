/**
 * The transactional outbox of the Redis job driver: a job enqueued as part of a database
 * transaction (the federation outbox's, see jobs/redis/job-outbox.ts) waits here, committed or
 * rolled back with that transaction's own writes, until it is relayed to Redis and deleted.
 * `claimed_until` keeps two relays from adding one row at once. The database driver needs none
 * of it: its jobs are rows of `jobs`, written in the transaction itself.
 */
export const sql = `
CREATE TABLE job_outbox (
  id BIGINT PRIMARY KEY,
  queue TEXT NOT NULL,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  options TEXT NOT NULL,
  claimed_until BIGINT,
  created_at BIGINT NOT NULL
);
`;
