/** Reads and writes of `oauth_access_tokens`. Only the SHA-256 of a token is stored. */
import type { Queryable, Row } from '../database.ts';

export interface AccessTokenRecord {
  id: string;
  applicationId: string;
  accountId: string | null;
  grantId: string | null;
  scopes: string[];
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
}

export function accessTokenFromRow(row: Row): AccessTokenRecord {
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    accountId:
      row.account_id === null || row.account_id === undefined ? null : String(row.account_id),
    grantId: row.grant_id === null || row.grant_id === undefined ? null : String(row.grant_id),
    scopes: String(row.scopes).split(' ').filter(Boolean),
    expiresAt:
      row.expires_at === null || row.expires_at === undefined ? null : Number(row.expires_at),
    revokedAt:
      row.revoked_at === null || row.revoked_at === undefined ? null : Number(row.revoked_at),
    lastUsedAt:
      row.last_used_at === null || row.last_used_at === undefined ? null : Number(row.last_used_at),
    createdAt: Number(row.created_at),
  };
}

export async function findAccessTokenByHash(
  db: Queryable,
  tokenHash: string,
): Promise<AccessTokenRecord | null> {
  const row = await db.get('SELECT * FROM oauth_access_tokens WHERE token_hash = ?', [tokenHash]);
  return row ? accessTokenFromRow(row) : null;
}

export async function insertAccessToken(
  db: Queryable,
  token: AccessTokenRecord & { tokenHash: string; refreshTokenHash: string | null },
): Promise<void> {
  await db.run(
    `INSERT INTO oauth_access_tokens
       (id, token_hash, refresh_token_hash, application_id, account_id, grant_id, scopes, expires_at, revoked_at, last_used_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      token.id,
      token.tokenHash,
      token.refreshTokenHash,
      token.applicationId,
      token.accountId,
      token.grantId,
      token.scopes.join(' '),
      token.expiresAt,
      token.revokedAt,
      token.lastUsedAt,
      token.createdAt,
    ],
  );
}

/** Records use at most once a minute per token, so reads stay reads. */
export async function touchAccessToken(
  db: Queryable,
  id: string,
  now: number,
  ip: string | null,
): Promise<void> {
  await db.run(
    'UPDATE oauth_access_tokens SET last_used_at = ?, last_used_ip = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
    [now, ip, id, now - 60_000],
  );
}

export async function findAccessTokenByRefreshHash(
  db: Queryable,
  refreshTokenHash: string,
): Promise<AccessTokenRecord | null> {
  const row = await db.get('SELECT * FROM oauth_access_tokens WHERE refresh_token_hash = ?', [
    refreshTokenHash,
  ]);
  return row ? accessTokenFromRow(row) : null;
}

/** Revokes one token (and with it its refresh token). True when it was still live. */
export async function revokeAccessToken(db: Queryable, id: string, now: number): Promise<boolean> {
  const result = await db.run(
    'UPDATE oauth_access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    [now, id],
  );
  return result.changes === 1;
}

/** Revokes every token that came from one authorization code, refreshed ones included. */
export async function revokeAccessTokensOfGrant(
  db: Queryable,
  grantId: string,
  now: number,
): Promise<number> {
  const result = await db.run(
    'UPDATE oauth_access_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL',
    [now, grantId],
  );
  return result.changes;
}

/** The unrevoked tokens an account holds for one application, newest first. */
export async function findLiveAccessTokens(
  db: Queryable,
  applicationId: string,
  accountId: string,
): Promise<AccessTokenRecord[]> {
  const rows = await db.all(
    `SELECT * FROM oauth_access_tokens
     WHERE application_id = ? AND account_id = ? AND revoked_at IS NULL
     ORDER BY id DESC`,
    [applicationId, accountId],
  );
  return rows.map(accessTokenFromRow);
}

/** Deletes revoked and expired tokens; they can never be used again. Returns how many. */
export async function deleteDeadAccessTokens(db: Queryable, now: number): Promise<number> {
  const result = await db.run(
    'DELETE FROM oauth_access_tokens WHERE revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?)',
    [now],
  );
  return result.changes;
}
