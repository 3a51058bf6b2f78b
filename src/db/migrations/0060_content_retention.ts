/**
 * The content cache retention (domain/remote-media/status-retention.ts) walks remote posts
 * by age and asks, for each, whether a local post quotes it: both questions get an index.
 */
export const sql = `
CREATE INDEX statuses_remote_created ON statuses (created_at, id) WHERE local = FALSE AND deleted_at IS NULL;
CREATE INDEX statuses_quoted ON statuses (quote_of_id) WHERE quote_of_id IS NOT NULL;
`;
