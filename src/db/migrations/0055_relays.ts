/**
 * Relays the instance follows (Mastodon's Relay): the relay's inbox, the id of the Follow
 * the instance actor sent it (its Accept or Reject names that id), and the state the answer
 * put it in: `pending` until answered, then `accepted` or `rejected`.
 */
export const sql = `
CREATE TABLE relays (
  id BIGINT PRIMARY KEY,
  inbox_url TEXT NOT NULL,
  follow_activity_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX relays_inbox_url ON relays (inbox_url);
CREATE UNIQUE INDEX relays_follow_activity_id ON relays (follow_activity_id);
`;
