/**
 * Custom filters (Mastodon's CustomFilter): a titled set of keywords and posts, the contexts
 * it applies in and what it does (warn, hide, blur), until it expires. `context` holds the
 * context names joined by commas; the names are a fixed vocabulary without commas.
 */
export const sql = `
CREATE TABLE custom_filters (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  context TEXT NOT NULL,
  action TEXT NOT NULL DEFAULT 'warn',
  expires_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX custom_filters_account ON custom_filters (account_id, id);

CREATE TABLE custom_filter_keywords (
  id BIGINT PRIMARY KEY,
  custom_filter_id BIGINT NOT NULL REFERENCES custom_filters (id) ON DELETE CASCADE,
  keyword TEXT NOT NULL,
  whole_word BOOLEAN NOT NULL DEFAULT TRUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX custom_filter_keywords_filter ON custom_filter_keywords (custom_filter_id, id);

CREATE TABLE custom_filter_statuses (
  id BIGINT PRIMARY KEY,
  custom_filter_id BIGINT NOT NULL REFERENCES custom_filters (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX custom_filter_statuses_pair ON custom_filter_statuses (custom_filter_id, status_id);
`;
