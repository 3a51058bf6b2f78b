/**
 * Durable jobs, part two: ordering keys; the indexes that the embedded driver's claim, lock
 * takeover and dead set use (replacing 0001's jobs_due); the recurring-job table (one row
 * per recurring job; a conditional UPDATE on it is what makes a period run once across
 * processes); and the key-value table behind Fedify's KvStore.
 */
export const sql = `
ALTER TABLE jobs ADD COLUMN ordering_key TEXT;

-- The claim must walk jobs_claim in order and stop at the first due job; with jobs_due
-- (queue, state, run_at) present, SQLite sorts every due job of the queue for each claim.
DROP INDEX jobs_due;
CREATE INDEX jobs_claim ON jobs (queue, priority DESC, run_at, id) WHERE state = 'waiting';
CREATE INDEX jobs_locks ON jobs (locked_until) WHERE state = 'running';
CREATE INDEX jobs_dead ON jobs (updated_at) WHERE state = 'dead';
CREATE INDEX jobs_ordering ON jobs (ordering_key, id) WHERE ordering_key IS NOT NULL;

CREATE TABLE recurring_jobs (
  name TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  every_ms BIGINT NOT NULL,
  payload TEXT NOT NULL,
  next_run_at BIGINT NOT NULL,
  last_run_at BIGINT,
  updated_at BIGINT NOT NULL
);

CREATE TABLE kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX kv_expires ON kv (expires_at) WHERE expires_at IS NOT NULL;
`;
