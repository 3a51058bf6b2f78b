/**
 * What posting needs beyond 0010: quote posts (Mastodon 4.4+ keeps the state of a quote and
 * the author's quote policy), idempotency keys that may name a scheduled post, and the index
 * that finds polls which ended but have not been announced as closed.
 */
export const sql = `
ALTER TABLE statuses ADD COLUMN quote_state TEXT;
ALTER TABLE statuses ADD COLUMN quote_approval_policy TEXT NOT NULL DEFAULT 'public';
CREATE INDEX statuses_quote ON statuses (quote_of_id) WHERE quote_of_id IS NOT NULL;

ALTER TABLE idempotency_keys ADD COLUMN scheduled_status_id BIGINT;

ALTER TABLE status_edits ADD COLUMN quote_of_id BIGINT;

CREATE INDEX poll_votes_account ON poll_votes (account_id, poll_id);
`;
