/**
 * A user archive whose build failed every attempt is marked `failed_at`: the export page shows
 * it as failed, and it no longer counts against the 7-day limit.
 */
export const sql = `
ALTER TABLE user_archives ADD COLUMN failed_at BIGINT;
`;
