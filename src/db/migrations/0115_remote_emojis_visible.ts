/**
 * Remote custom emojis are `visible_in_picker` as on Mastodon, which stores them with the
 * column's default (true) and shows that in the `emojis` of statuses and accounts; Woolly stored
 * them as false. The picker (`GET /api/v1/custom_emojis`) lists only local emojis either way.
 */
export const sql = `
UPDATE custom_emojis SET visible_in_picker = TRUE WHERE domain IS NOT NULL;
`;
