/**
 * The indexes the interaction lists page by: an account's favourites and bookmarks, newest
 * first by the row's id (GET /api/v1/favourites, /bookmarks), as Mastodon pages them. The
 * unique (account, status) indexes of 0010 answer "did I favourite this?" but not these.
 */
export const sql = `
CREATE INDEX favourites_account ON favourites (account_id, id);
CREATE INDEX bookmarks_account ON bookmarks (account_id, id);
`;
