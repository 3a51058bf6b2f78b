/**
 * Media attachments (uploads of images, videos and audio) and uploaded avatars and headers.
 * Files live in the media storage (a directory or an S3 bucket) under content-addressed
 * keys, so the rows keep keys, not URLs: moving to a CDN or an alias host needs no rewrite.
 * `processing` follows Mastodon's enum: queued, in_progress, complete, failed.
 */
export const sql = `
CREATE TABLE media_attachments (
  id BIGINT PRIMARY KEY,
  account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
  status_id BIGINT REFERENCES statuses (id) ON DELETE SET NULL,
  scheduled_status_id BIGINT REFERENCES scheduled_statuses (id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  processing TEXT NOT NULL,
  file_key TEXT,
  file_content_type TEXT,
  file_size BIGINT,
  preview_key TEXT,
  thumbnail_key TEXT,
  incoming_key TEXT,
  incoming_content_type TEXT,
  meta TEXT NOT NULL DEFAULT '{}',
  description TEXT NOT NULL DEFAULT '',
  blurhash TEXT,
  remote_url TEXT NOT NULL DEFAULT '',
  error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX media_attachments_account ON media_attachments (account_id, id);
CREATE INDEX media_attachments_status ON media_attachments (status_id);
CREATE INDEX media_attachments_scheduled_status ON media_attachments (scheduled_status_id);
CREATE INDEX media_attachments_file_key ON media_attachments (file_key);
CREATE INDEX media_attachments_preview_key ON media_attachments (preview_key);

ALTER TABLE accounts ADD COLUMN avatar_key TEXT;
ALTER TABLE accounts ADD COLUMN header_key TEXT;
`;
