/**
 * LitePub relays (Pleroma's relay actor) answer the instance's Follow and then follow the
 * instance actor back, and relay posts only once that Follow is accepted. `follow_back_id`
 * is the id of the relay's own Follow, which Woolly accepted (NULL until it comes, and again
 * after the relay's Undo); a relay that follows back is read from even before its Accept.
 */
export const sql = `
ALTER TABLE relays ADD COLUMN follow_back_id TEXT;
`;
