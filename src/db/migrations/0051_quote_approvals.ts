/**
 * The stamps (FEP-044f QuoteAuthorization) other servers gave for local quotes of their
 * posts, in answer to Woolly's QuoteRequest: the quoting post's Note names its stamp in
 * `quoteAuthorization`, so that third servers can check the quote.
 */
export const sql = `
CREATE TABLE quote_approvals (
  status_id BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  approval_uri TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
`;
