/**
 * The 7-day history of each ranked tag and link (`[{day, accounts, uses}]`, today first),
 * written by the `trends.refresh` job with the ranking, so reading trends counts nothing.
 */
export const sql = `
ALTER TABLE trends ADD COLUMN history TEXT;
`;
