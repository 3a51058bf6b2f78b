/**
 * Discovery: link preview cards and the posts they belong to, admin announcements with who
 * dismissed them and who reacted how, dismissed follow suggestions, and the trends the
 * `trends.refresh` job computes (rebuilt whole on each run, ranked by score).
 * `trend_reviews` holds an admin's review of a trend: approved (`trendable` TRUE) or rejected;
 * no row means not reviewed yet.
 */
export const sql = `
CREATE TABLE preview_cards (
  id BIGINT PRIMARY KEY,
  url TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT 'link',
  language TEXT,
  author_name TEXT NOT NULL DEFAULT '',
  author_url TEXT NOT NULL DEFAULT '',
  provider_name TEXT NOT NULL DEFAULT '',
  provider_url TEXT NOT NULL DEFAULT '',
  html TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  image_remote_url TEXT,
  image_description TEXT NOT NULL DEFAULT '',
  embed_url TEXT NOT NULL DEFAULT '',
  blurhash TEXT,
  published_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX preview_cards_url ON preview_cards (url);

CREATE TABLE preview_cards_statuses (
  status_id BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  preview_card_id BIGINT NOT NULL REFERENCES preview_cards (id) ON DELETE CASCADE,
  url TEXT NOT NULL
);
CREATE INDEX preview_cards_statuses_card ON preview_cards_statuses (preview_card_id, status_id);

CREATE TABLE announcements (
  id BIGINT PRIMARY KEY,
  text TEXT NOT NULL,
  published BOOLEAN NOT NULL DEFAULT FALSE,
  all_day BOOLEAN NOT NULL DEFAULT FALSE,
  starts_at BIGINT,
  ends_at BIGINT,
  published_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE announcement_dismissals (
  announcement_id BIGINT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (announcement_id, account_id)
);

CREATE TABLE announcement_reactions (
  announcement_id BIGINT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  custom_emoji_id BIGINT REFERENCES custom_emojis (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (announcement_id, account_id, name)
);

CREATE TABLE suggestion_dismissals (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, target_account_id)
);

CREATE TABLE trends (
  kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  rank INTEGER NOT NULL,
  computed_at BIGINT NOT NULL,
  PRIMARY KEY (kind, target_id)
);
CREATE INDEX trends_rank ON trends (kind, rank);

CREATE TABLE trend_reviews (
  kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  trendable BOOLEAN NOT NULL,
  reviewed_at BIGINT NOT NULL,
  PRIMARY KEY (kind, target_id)
);
`;
