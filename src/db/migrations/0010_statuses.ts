/**
 * Posts and everything people do with them: statuses, their edits, mentions, tags, polls,
 * favourites, bookmarks, pins, thread mutes, scheduled posts and idempotency keys.
 * Counters live on the status row and are changed only by atomic `x = x + 1` updates.
 */
export const sql = `
CREATE TABLE statuses (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  uri TEXT NOT NULL,
  url TEXT,
  local BOOLEAN NOT NULL DEFAULT TRUE,
  local_only BOOLEAN NOT NULL DEFAULT FALSE,
  visibility TEXT NOT NULL DEFAULT 'public',
  text TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT 'text/plain',
  content TEXT NOT NULL DEFAULT '',
  spoiler_text TEXT NOT NULL DEFAULT '',
  sensitive BOOLEAN NOT NULL DEFAULT FALSE,
  language TEXT,
  in_reply_to_id BIGINT,
  in_reply_to_account_id BIGINT,
  reblog_of_id BIGINT REFERENCES statuses (id) ON DELETE CASCADE,
  quote_of_id BIGINT,
  conversation_id BIGINT,
  application_id BIGINT,
  poll_id BIGINT,
  replies_count BIGINT NOT NULL DEFAULT 0,
  reblogs_count BIGINT NOT NULL DEFAULT 0,
  favourites_count BIGINT NOT NULL DEFAULT 0,
  quotes_count BIGINT NOT NULL DEFAULT 0,
  edited_at BIGINT,
  deleted_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX statuses_uri ON statuses (uri);
CREATE INDEX statuses_account ON statuses (account_id, id);
CREATE INDEX statuses_reply ON statuses (in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
CREATE INDEX statuses_reblog ON statuses (reblog_of_id) WHERE reblog_of_id IS NOT NULL;
CREATE UNIQUE INDEX statuses_one_reblog ON statuses (account_id, reblog_of_id) WHERE reblog_of_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX statuses_conversation ON statuses (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX statuses_local_public ON statuses (id) WHERE local = TRUE AND visibility = 'public' AND deleted_at IS NULL AND reblog_of_id IS NULL;

CREATE TABLE status_edits (
  id BIGINT PRIMARY KEY,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL,
  text TEXT NOT NULL,
  content TEXT NOT NULL,
  spoiler_text TEXT NOT NULL DEFAULT '',
  sensitive BOOLEAN NOT NULL DEFAULT FALSE,
  media_attachment_ids TEXT NOT NULL DEFAULT '[]',
  poll_options TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX status_edits_status ON status_edits (status_id, id);

CREATE TABLE conversations (
  id BIGINT PRIMARY KEY,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX conversations_uri ON conversations (uri) WHERE uri IS NOT NULL;

CREATE TABLE mentions (
  id BIGINT PRIMARY KEY,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  silent BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX mentions_status_account ON mentions (status_id, account_id);
CREATE INDEX mentions_account ON mentions (account_id, status_id);

CREATE TABLE tags (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  display_name TEXT,
  usable BOOLEAN,
  trendable BOOLEAN,
  listable BOOLEAN,
  last_status_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX tags_name ON tags (lower(name));

CREATE TABLE statuses_tags (
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (tag_id, status_id)
);
CREATE INDEX statuses_tags_status ON statuses_tags (status_id);

CREATE TABLE polls (
  id BIGINT PRIMARY KEY,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  options TEXT NOT NULL,
  cached_tallies TEXT NOT NULL,
  multiple BOOLEAN NOT NULL DEFAULT FALSE,
  hide_totals BOOLEAN NOT NULL DEFAULT FALSE,
  votes_count BIGINT NOT NULL DEFAULT 0,
  voters_count BIGINT,
  expires_at BIGINT,
  closed_notified_at BIGINT,
  last_fetched_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX polls_status ON polls (status_id);
CREATE INDEX polls_expiring ON polls (expires_at) WHERE closed_notified_at IS NULL;

CREATE TABLE poll_votes (
  id BIGINT PRIMARY KEY,
  poll_id BIGINT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  choice INTEGER NOT NULL,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX poll_votes_once ON poll_votes (poll_id, account_id, choice);

CREATE TABLE favourites (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX favourites_account_status ON favourites (account_id, status_id);
CREATE INDEX favourites_status ON favourites (status_id, id);

CREATE TABLE bookmarks (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX bookmarks_account_status ON bookmarks (account_id, status_id);

CREATE TABLE status_pins (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX status_pins_account_status ON status_pins (account_id, status_id);

CREATE TABLE conversation_mutes (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  conversation_id BIGINT NOT NULL,
  PRIMARY KEY (account_id, conversation_id)
);

CREATE TABLE scheduled_statuses (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  scheduled_at BIGINT NOT NULL,
  params TEXT NOT NULL,
  media_attachment_ids TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);
CREATE INDEX scheduled_statuses_due ON scheduled_statuses (scheduled_at);
CREATE INDEX scheduled_statuses_account ON scheduled_statuses (account_id, id);

CREATE TABLE idempotency_keys (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  status_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, key)
);
`;
