/**
 * Reads and writes of `oauth_access_grants`: the authorization codes of the consent page.
 * Only the SHA-256 of a code is stored; `used_at` makes each code good for one exchange.
 */
import type { Queryable, Row } from '../database.ts';

export interface GrantRecord {
  id: string;
  applicationId: string;
  accountId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: number;
  usedAt: number | null;
  createdAt: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function grantFromRow(row: Row): GrantRecord {
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    accountId: String(row.account_id),
    redirectUri: String(row.redirect_uri),
    scopes: String(row.scopes).split(' ').filter(Boolean),
    codeChallenge: str(row.code_challenge),
    codeChallengeMethod: str(row.code_challenge_method),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null || row.used_at === undefined ? null : Number(row.used_at),
    createdAt: Number(row.created_at),
  };
}

export async function insertGrant(
  db: Queryable,
  grant: GrantRecord & { codeHash: string },
): Promise<void> {
  await db.run(
    `INSERT INTO oauth_access_grants
       (id, code_hash, application_id, account_id, redirect_uri, scopes, code_challenge, code_challenge_method, expires_at, used_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      grant.id,
      grant.codeHash,
      grant.applicationId,
      grant.accountId,
      grant.redirectUri,
      grant.scopes.join(' '),
      grant.codeChallenge,
      grant.codeChallengeMethod,
      grant.expiresAt,
      grant.usedAt,
      grant.createdAt,
    ],
  );
}

export async function findGrantByCodeHash(
  db: Queryable,
  codeHash: string,
): Promise<GrantRecord | null> {
  const row = await db.get('SELECT * FROM oauth_access_grants WHERE code_hash = ?', [codeHash]);
  return row ? grantFromRow(row) : null;
}

/**
 * Marks the code used, if nobody has yet. True for the one caller that wins, so two exchanges
 * of one code racing each other cannot both get a token.
 */
export async function claimGrant(db: Queryable, id: string, now: number): Promise<boolean> {
  const result = await db.run(
    'UPDATE oauth_access_grants SET used_at = ? WHERE id = ? AND used_at IS NULL',
    [now, id],
  );
  return result.changes === 1;
}

/** Deletes codes that expired before `before`, used or not. Returns how many. */
export async function deleteExpiredGrants(db: Queryable, before: number): Promise<number> {
  const result = await db.run('DELETE FROM oauth_access_grants WHERE expires_at <= ?', [before]);
  return result.changes;
}
