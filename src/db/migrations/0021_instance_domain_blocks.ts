/**
 * The instance's own domain blocks (Mastodon's DomainBlock, an admin's moderation of whole
 * servers): how hard a domain is limited (`noop`, `silence`, `suspend`), whether its media
 * and reports are refused, the comments shown to the staff and to the public, and whether
 * the public list hides part of the name. A block covers the domain and its subdomains.
 */
export const sql = `
CREATE TABLE instance_domain_blocks (
  id BIGINT PRIMARY KEY,
  domain TEXT NOT NULL,
  severity TEXT NOT NULL DEFAULT 'silence',
  reject_media BOOLEAN NOT NULL DEFAULT FALSE,
  reject_reports BOOLEAN NOT NULL DEFAULT FALSE,
  private_comment TEXT,
  public_comment TEXT,
  obfuscate BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX instance_domain_blocks_domain ON instance_domain_blocks (domain);
`;
