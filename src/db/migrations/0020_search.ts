/**
 * The full-text index of posts, without Elasticsearch: one row per post holding its searchable
 * text as tokens that Woolly cuts itself (domain/search/tokens.ts), so that both databases
 * match the same words. SQLite keeps them in an FTS5 table without a copy of the text
 * (contentless, rows deletable), keyed by the post's id as rowid; PostgreSQL in a tsvector
 * column with a GIN index. Who may find a post is decided when searching, not here.
 */
export const sqlite = `
CREATE VIRTUAL TABLE status_search USING fts5(
  body,
  tokenize = 'unicode61 remove_diacritics 0',
  content = '',
  contentless_delete = 1
);
`;

export const postgres = `
CREATE TABLE status_search (
  status_id BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  body TSVECTOR NOT NULL
);
CREATE INDEX status_search_body ON status_search USING GIN (body);
`;
