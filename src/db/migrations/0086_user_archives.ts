/**
 * User archives (Mastodon's `backups`): one row per "Request your archive", its zip written
 * to media storage by the `archives.build` job (`file_key` and `file_size` set then), and
 * removed with its file by the daily retention past `backups_retention_period`.
 */
export const sql = `
CREATE TABLE user_archives (
  id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  file_key TEXT,
  file_size BIGINT,
  ready_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX user_archives_user ON user_archives (user_id, id);
CREATE INDEX user_archives_created ON user_archives (created_at, id);
`;
