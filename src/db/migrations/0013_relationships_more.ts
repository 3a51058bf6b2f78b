/**
 * Relationships, part two: the name a person typed when featuring a hashtag (Mastodon keeps it
 * apart from the tag, so `#WoollyJumpers` stays as typed while the tag is shared), and the
 * indexes the relationship lists page by: an account's follows, blocks, mutes, endorsements,
 * domain blocks and followed tags, newest first by row id.
 */
export const sql = `
ALTER TABLE featured_tags ADD COLUMN name TEXT;

CREATE INDEX follows_account ON follows (account_id, id);
CREATE INDEX follow_requests_account ON follow_requests (account_id, id);
CREATE INDEX blocks_account ON blocks (account_id, id);
CREATE INDEX mutes_account ON mutes (account_id, id);
CREATE INDEX mutes_target ON mutes (target_account_id);
CREATE INDEX account_pins_account ON account_pins (account_id, id);
CREATE INDEX account_domain_blocks_account ON account_domain_blocks (account_id, id);
CREATE INDEX tag_follows_account ON tag_follows (account_id, id);
CREATE INDEX reports_account ON reports (account_id, id);
`;
