/**
 * Who follows, blocks, mutes and endorses whom; private notes; per-user domain blocks;
 * featured and followed hashtags; reports; notifications and their policy.
 */
export const sql = `
CREATE TABLE follows (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  show_reblogs BOOLEAN NOT NULL DEFAULT TRUE,
  notify BOOLEAN NOT NULL DEFAULT FALSE,
  languages TEXT,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX follows_pair ON follows (account_id, target_account_id);
CREATE INDEX follows_target ON follows (target_account_id, id);

CREATE TABLE follow_requests (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  show_reblogs BOOLEAN NOT NULL DEFAULT TRUE,
  notify BOOLEAN NOT NULL DEFAULT FALSE,
  languages TEXT,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX follow_requests_pair ON follow_requests (account_id, target_account_id);
CREATE INDEX follow_requests_target ON follow_requests (target_account_id, id);

CREATE TABLE blocks (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX blocks_pair ON blocks (account_id, target_account_id);
CREATE INDEX blocks_target ON blocks (target_account_id);

CREATE TABLE mutes (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  hide_notifications BOOLEAN NOT NULL DEFAULT TRUE,
  expires_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX mutes_pair ON mutes (account_id, target_account_id);

CREATE TABLE account_notes (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  comment TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, target_account_id)
);

CREATE TABLE account_pins (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX account_pins_pair ON account_pins (account_id, target_account_id);

CREATE TABLE account_domain_blocks (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX account_domain_blocks_pair ON account_domain_blocks (account_id, domain);

CREATE TABLE featured_tags (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX featured_tags_pair ON featured_tags (account_id, tag_id);

CREATE TABLE tag_follows (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX tag_follows_pair ON tag_follows (account_id, tag_id);

CREATE TABLE reports (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_ids TEXT NOT NULL DEFAULT '[]',
  rule_ids TEXT NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT 'other',
  forwarded BOOLEAN NOT NULL DEFAULT FALSE,
  uri TEXT,
  action_taken_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX reports_target ON reports (target_account_id);

CREATE TABLE notifications (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  status_id BIGINT REFERENCES statuses (id) ON DELETE CASCADE,
  report_id BIGINT REFERENCES reports (id) ON DELETE CASCADE,
  group_key TEXT,
  filtered BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL
);
CREATE INDEX notifications_account ON notifications (account_id, id);
CREATE INDEX notifications_group ON notifications (account_id, group_key, id) WHERE group_key IS NOT NULL;
CREATE UNIQUE INDEX notifications_once ON notifications (account_id, type, from_account_id, COALESCE(status_id, 0), COALESCE(report_id, 0));

CREATE TABLE notification_policies (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  for_not_following TEXT NOT NULL DEFAULT 'accept',
  for_not_followers TEXT NOT NULL DEFAULT 'accept',
  for_new_accounts TEXT NOT NULL DEFAULT 'accept',
  for_private_mentions TEXT NOT NULL DEFAULT 'filter',
  for_limited_accounts TEXT NOT NULL DEFAULT 'filter',
  updated_at BIGINT NOT NULL
);

CREATE TABLE notification_requests (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  last_status_id BIGINT,
  notifications_count BIGINT NOT NULL DEFAULT 0,
  dismissed BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX notification_requests_pair ON notification_requests (account_id, from_account_id);

CREATE TABLE markers (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  timeline TEXT NOT NULL,
  last_read_id BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, timeline)
);

CREATE TABLE notification_permissions (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, from_account_id)
);
`;
