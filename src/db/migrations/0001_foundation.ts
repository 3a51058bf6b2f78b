/**
 * Accounts, users, OAuth, web sessions, instance settings and rules.
 * Times are milliseconds since the epoch (BIGINT); ids are snowflakes (core/ids.ts).
 */
export const sql = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);

CREATE TABLE accounts (
  id BIGINT PRIMARY KEY,
  username TEXT NOT NULL,
  domain TEXT,
  display_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  note_source TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '[]',
  locked BOOLEAN NOT NULL DEFAULT FALSE,
  bot BOOLEAN NOT NULL DEFAULT FALSE,
  actor_type TEXT NOT NULL DEFAULT 'Person',
  discoverable BOOLEAN,
  indexable BOOLEAN NOT NULL DEFAULT FALSE,
  hide_collections BOOLEAN,
  memorial BOOLEAN NOT NULL DEFAULT FALSE,
  uri TEXT NOT NULL,
  url TEXT,
  inbox_url TEXT,
  outbox_url TEXT,
  shared_inbox_url TEXT,
  followers_url TEXT,
  following_url TEXT,
  featured_url TEXT,
  public_key TEXT NOT NULL DEFAULT '',
  private_key TEXT,
  avatar_remote_url TEXT,
  header_remote_url TEXT,
  also_known_as TEXT NOT NULL DEFAULT '[]',
  moved_to_account_id BIGINT,
  statuses_count BIGINT NOT NULL DEFAULT 0,
  followers_count BIGINT NOT NULL DEFAULT 0,
  following_count BIGINT NOT NULL DEFAULT 0,
  last_status_at BIGINT,
  suspended_at BIGINT,
  silenced_at BIGINT,
  sensitized_at BIGINT,
  fetched_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_username_domain ON accounts (lower(username), COALESCE(lower(domain), ''));
CREATE UNIQUE INDEX accounts_uri ON accounts (uri);

CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  unconfirmed_email TEXT,
  password_hash TEXT,
  role TEXT NOT NULL DEFAULT 'User',
  confirmed_at BIGINT,
  confirmation_token_hash TEXT,
  confirmation_sent_at BIGINT,
  reset_password_token_hash TEXT,
  reset_password_sent_at BIGINT,
  approved BOOLEAN NOT NULL DEFAULT TRUE,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  locale TEXT,
  sign_up_reason TEXT,
  sign_up_ip TEXT,
  settings TEXT NOT NULL DEFAULT '{}',
  chosen_languages TEXT,
  last_sign_in_at BIGINT,
  last_sign_in_ip TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE UNIQUE INDEX users_confirmation_token ON users (confirmation_token_hash) WHERE confirmation_token_hash IS NOT NULL;
CREATE UNIQUE INDEX users_reset_password_token ON users (reset_password_token_hash) WHERE reset_password_token_hash IS NOT NULL;

CREATE TABLE oauth_applications (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  website TEXT,
  redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  client_secret_hash TEXT NOT NULL,
  owner_account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);

CREATE TABLE oauth_access_grants (
  id BIGINT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  application_id BIGINT NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  scopes TEXT NOT NULL,
  code_challenge TEXT,
  code_challenge_method TEXT,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);

CREATE TABLE oauth_access_tokens (
  id BIGINT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  refresh_token_hash TEXT UNIQUE,
  application_id BIGINT NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
  account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
  grant_id BIGINT,
  scopes TEXT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT,
  last_used_at BIGINT,
  last_used_ip TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX oauth_access_tokens_account ON oauth_access_tokens (account_id);
CREATE INDEX oauth_access_tokens_grant ON oauth_access_tokens (grant_id) WHERE grant_id IS NOT NULL;

CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  user_agent TEXT,
  ip TEXT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX web_sessions_account ON web_sessions (account_id);

CREATE TABLE rules (
  id BIGINT PRIMARY KEY,
  text TEXT NOT NULL,
  hint TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);

CREATE TABLE custom_emojis (
  id BIGINT PRIMARY KEY,
  shortcode TEXT NOT NULL,
  domain TEXT,
  uri TEXT,
  image_url TEXT NOT NULL,
  static_url TEXT NOT NULL,
  category TEXT,
  visible_in_picker BOOLEAN NOT NULL DEFAULT TRUE,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX custom_emojis_shortcode_domain ON custom_emojis (shortcode, COALESCE(domain, ''));

CREATE TABLE jobs (
  id BIGINT PRIMARY KEY,
  queue TEXT NOT NULL,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'waiting',
  run_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 25,
  locked_by TEXT,
  locked_until BIGINT,
  last_error TEXT,
  unique_key TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (queue, state, run_at);
CREATE UNIQUE INDEX jobs_unique_waiting ON jobs (unique_key) WHERE unique_key IS NOT NULL AND state = 'waiting';
`;
