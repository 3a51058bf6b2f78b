/**
 * Timelines: precomputed home and list feeds, lists, and the direct-message conversations of
 * each participant; plus the indexes the public and hashtag timelines read by.
 *
 * A feed entry is the post or boost as it was fanned out (`status_id`), who made it
 * (`author_id`, the booster for a boost) and the boosted post, so that unfollowing, blocking
 * and deleting can remove entries without reading the posts. Feeds are capped by the fan-out
 * job; `home_feeds` says which home feeds are whole (built), the others are built on first read.
 */
export const sql = `
CREATE TABLE feed_entries (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL,
  author_id BIGINT NOT NULL,
  reblog_of_id BIGINT,
  PRIMARY KEY (account_id, status_id)
);
CREATE INDEX feed_entries_status ON feed_entries (status_id);
CREATE INDEX feed_entries_reblog ON feed_entries (reblog_of_id) WHERE reblog_of_id IS NOT NULL;

CREATE TABLE home_feeds (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  built_at BIGINT NOT NULL
);

CREATE TABLE lists (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  replies_policy TEXT NOT NULL DEFAULT 'list',
  exclusive BOOLEAN NOT NULL DEFAULT FALSE,
  feed_built_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX lists_account ON lists (account_id, id);

CREATE TABLE list_accounts (
  id BIGINT PRIMARY KEY,
  list_id BIGINT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX list_accounts_pair ON list_accounts (list_id, account_id);
CREATE INDEX list_accounts_account ON list_accounts (account_id);

CREATE TABLE list_feed_entries (
  list_id BIGINT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL,
  author_id BIGINT NOT NULL,
  reblog_of_id BIGINT,
  PRIMARY KEY (list_id, status_id)
);
CREATE INDEX list_feed_entries_status ON list_feed_entries (status_id);
CREATE INDEX list_feed_entries_reblog ON list_feed_entries (reblog_of_id) WHERE reblog_of_id IS NOT NULL;

CREATE TABLE account_conversations (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  conversation_id BIGINT NOT NULL,
  participant_account_ids TEXT NOT NULL,
  last_status_id BIGINT NOT NULL,
  unread BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX account_conversations_once ON account_conversations (account_id, conversation_id, participant_account_ids);
CREATE INDEX account_conversations_account ON account_conversations (account_id, last_status_id);

CREATE INDEX statuses_public ON statuses (id) WHERE visibility = 'public' AND deleted_at IS NULL AND reblog_of_id IS NULL;
CREATE INDEX statuses_remote_public ON statuses (id) WHERE local = FALSE AND visibility = 'public' AND deleted_at IS NULL AND reblog_of_id IS NULL;
CREATE INDEX account_domain_blocks_domain ON account_domain_blocks (domain);
CREATE INDEX tag_follows_tag ON tag_follows (tag_id);
`;
