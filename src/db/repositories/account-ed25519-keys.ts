/** Reads and writes of `account_ed25519_keys`: a local account's Ed25519 key pair, as PEM. */
import type { Queryable } from '../database.ts';

export interface Ed25519PemPair {
  publicKey: string;
  privateKey: string;
}

export async function findAccountEd25519Keys(
  db: Queryable,
  accountId: string,
): Promise<Ed25519PemPair | null> {
  const row = await db.get<{ public_key: string; private_key: string }>(
    'SELECT public_key, private_key FROM account_ed25519_keys WHERE account_id = ?',
    [accountId],
  );
  return row ? { publicKey: row.public_key, privateKey: row.private_key } : null;
}

/**
 * Stores `pair` as the account's unless it already has one (kept: the first stored wins).
 * Answers whether `pair` was stored.
 */
export async function insertAccountEd25519Keys(
  db: Queryable,
  accountId: string,
  pair: Ed25519PemPair,
  now: number,
): Promise<boolean> {
  const { changes } = await db.run(
    `INSERT INTO account_ed25519_keys (account_id, public_key, private_key, created_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING`,
    [accountId, pair.publicKey, pair.privateKey, now],
  );
  return changes > 0;
}
