/**
 * What the deliveries of one large fan-out share (the signed activity and the sender's keys),
 * stored once instead of in every delivery job, with how many of those deliveries still need
 * it: each delivery that finishes (delivered, or given up) counts it down, and the last one
 * deletes it. `created_at` lets a sweep remove rows whose jobs were lost.
 */
export const sql = `
CREATE TABLE delivery_payloads (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  remaining INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX delivery_payloads_created_at ON delivery_payloads (created_at);
`;
