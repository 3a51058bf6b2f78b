/**
 * Web push: one subscription per access token, as Mastodon keeps them (subscribing again with
 * the same token replaces it; revoking the token removes it). `alerts` is the JSON object of
 * notification types the app asked for; `sealed_access_token` is the token itself, encrypted
 * with the instance's secret, because Mastodon's push payload hands it back to the app and
 * Woolly stores tokens only as hashes.
 */
export const sql = `
CREATE TABLE web_push_subscriptions (
  id BIGINT PRIMARY KEY,
  access_token_id BIGINT NOT NULL REFERENCES oauth_access_tokens (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  endpoint TEXT NOT NULL,
  key_p256dh TEXT NOT NULL,
  key_auth TEXT NOT NULL,
  standard BOOLEAN NOT NULL DEFAULT FALSE,
  alerts TEXT NOT NULL,
  policy TEXT NOT NULL DEFAULT 'all',
  sealed_access_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX web_push_subscriptions_token ON web_push_subscriptions (access_token_id);
CREATE INDEX web_push_subscriptions_account ON web_push_subscriptions (account_id);
`;
