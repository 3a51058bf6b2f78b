/**
 * The SQL conditions shared by the directory and follow suggestions: which accounts may be
 * shown to strangers (Mastodon's `Account.discoverable`: opted in, not suspended, silenced,
 * moved or memorial, and for local ones a confirmed, approved, enabled user), and which a
 * reader does not want to see (`not_excluded_by_account`: blocked either way, muted, or on a
 * blocked domain). `a` is the alias of `accounts`.
 */
export const discoverableAccountSql = `a.discoverable = TRUE AND a.suspended_at IS NULL
  AND a.silenced_at IS NULL AND a.moved_to_account_id IS NULL AND a.memorial = FALSE
  AND (a.domain IS NOT NULL OR EXISTS (
    SELECT 1 FROM users u WHERE u.account_id = a.id AND u.approved = TRUE
       AND u.disabled = FALSE AND u.confirmed_at IS NOT NULL))`;

/** Leaves out what the reader blocked, muted or is blocked by; bind `notExcludedParams`. */
export function notExcludedSql(): string {
  return `NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ? AND b.target_account_id = a.id)
                                            OR (b.account_id = a.id AND b.target_account_id = ?))
  AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ? AND m.target_account_id = a.id
                    AND (m.expires_at IS NULL OR m.expires_at > ?))
  AND (a.domain IS NULL OR NOT EXISTS (SELECT 1 FROM account_domain_blocks d
                    WHERE d.account_id = ? AND lower(d.domain) = lower(a.domain)))`;
}

/**
 * The parameters of `notExcludedSql` for a reader at `now` (bound, not written into the SQL,
 * so that the statement is prepared once).
 */
export const notExcludedParams = (readerId: string, now: number): (string | number)[] => [
  readerId,
  readerId,
  readerId,
  Math.trunc(now),
  readerId,
];
