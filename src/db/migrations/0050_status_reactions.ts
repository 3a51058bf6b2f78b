/**
 * Emoji reactions on statuses (Pleroma/Akkoma/Misskey `EmojiReact`, Misskey's `Like` with
 * content): one row per account, status and emoji. `name` is the unicode emoji or the custom
 * emoji's shortcode; `emoji_domain` names the server whose custom emoji it is (NULL for
 * unicode emojis and local ones); `uri` is the activity's id, which an Undo names.
 * Reactions are not favourites: they never touch `favourites_count`.
 */
export const sql = `
CREATE TABLE status_reactions (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  emoji_domain TEXT,
  uri TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX status_reactions_account_status_name ON status_reactions (account_id, status_id, name);
CREATE UNIQUE INDEX status_reactions_uri ON status_reactions (uri) WHERE uri IS NOT NULL;
CREATE INDEX status_reactions_status ON status_reactions (status_id, id);
`;
