/**
 * The remote accounts a block covers (the domain, its subdomains, with any port), and the
 * marks a block leaves on them: `silenced_at` or `suspended_at` set to the block's creation
 * time, as Mastodon stamps them, so that lifting the block lifts exactly those marks.
 */
import type { Queryable, SqlValue } from '../../db/database.ts';
import type { InstanceDomainBlockRecord } from '../../db/repositories/instance-domain-blocks.ts';

/** The WHERE condition for accounts on `domain` (LIKE's `_` escaped: it is legal in hosts). */
export function onDomain(domain: string): { sql: string; params: SqlValue[] } {
  const escaped = domain.replace(/[\\%_]/g, (c) => `\\${c}`);
  const hasPort = /:\d+$/.test(domain);
  const patterns = hasPort ? [`%.${escaped}`] : [`%.${escaped}`, `${escaped}:%`, `%.${escaped}:%`];
  return {
    sql: `(accounts.domain IS NOT NULL AND (lower(accounts.domain) = ? OR ${patterns
      .map(() => "lower(accounts.domain) LIKE ? ESCAPE '\\'")
      .join(' OR ')}))`,
    params: [domain, ...patterns],
  };
}

/** Marks the covered accounts as the block's severity says; returns how many it marked. */
export async function markAccounts(
  db: Queryable,
  block: InstanceDomainBlockRecord,
): Promise<number> {
  if (block.severity === 'noop') return 0;
  const column = block.severity === 'suspend' ? 'suspended_at' : 'silenced_at';
  const where = onDomain(block.domain);
  const result = await db.run(
    `UPDATE accounts SET ${column} = ? WHERE ${where.sql} AND ${column} IS NULL`,
    [block.createdAt, ...where.params],
  );
  return result.changes;
}

/** Lifts the marks the block made (the accounts a suspension purged are gone already). */
export async function unmarkAccounts(
  db: Queryable,
  block: InstanceDomainBlockRecord,
): Promise<void> {
  const where = onDomain(block.domain);
  for (const column of ['silenced_at', 'suspended_at']) {
    await db.run(`UPDATE accounts SET ${column} = NULL WHERE ${where.sql} AND ${column} = ?`, [
      ...where.params,
      block.createdAt,
    ]);
  }
}
