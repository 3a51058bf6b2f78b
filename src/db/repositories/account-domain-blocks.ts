/** Reads and writes of `account_domain_blocks`: whole domains a person has blocked. */
import type { Queryable } from '../database.ts';

/** Blocks the (normalized) domain unless already blocked; true when this call inserted it. */
export async function insertAccountDomainBlock(
  db: Queryable,
  block: { id: string; accountId: string; domain: string; createdAt: number },
): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO account_domain_blocks (id, account_id, domain, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, domain) DO NOTHING`,
    [block.id, block.accountId, block.domain, block.createdAt],
  );
  return result.changes === 1;
}

export async function deleteAccountDomainBlock(
  db: Queryable,
  accountId: string,
  domain: string,
): Promise<boolean> {
  const result = await db.run(
    'DELETE FROM account_domain_blocks WHERE account_id = ? AND domain = ?',
    [accountId, domain],
  );
  return result.changes > 0;
}

/** True when `accountId` blocks `domain` (compared without case). */
export async function blocksDomain(
  db: Queryable,
  accountId: string,
  domain: string,
): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS found FROM account_domain_blocks WHERE account_id = ? AND domain = ?',
    [accountId, domain.toLowerCase()],
  );
  return row !== undefined;
}
