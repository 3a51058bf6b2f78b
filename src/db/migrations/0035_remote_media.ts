/**
 * The remote media cache. Remote attachments keep their cached files on their own row
 * (`media_attachments.file_key` set once fetched, null again once evicted; `remote_url`
 * always). Other remote images (avatars and headers of remote accounts, remote custom
 * emojis, preview card images) get one row here per owner and kind, naming the URL the file
 * was fetched from, so a changed URL is a cache miss. Files are content-addressed: the same
 * file fetched for many owners is stored once.
 */
export const sql = `
CREATE TABLE remote_media_files (
  kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  remote_url TEXT NOT NULL,
  file_key TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  cached_at BIGINT NOT NULL,
  PRIMARY KEY (kind, owner_id)
);
CREATE INDEX remote_media_files_file_key ON remote_media_files (file_key);
CREATE INDEX remote_media_files_cached_at ON remote_media_files (cached_at);
CREATE INDEX accounts_avatar_key ON accounts (avatar_key);
CREATE INDEX accounts_header_key ON accounts (header_key);
CREATE INDEX media_attachments_thumbnail_key ON media_attachments (thumbnail_key);
CREATE INDEX media_attachments_remote_cached ON media_attachments (created_at)
  WHERE remote_url <> '' AND file_key IS NOT NULL;
`;
