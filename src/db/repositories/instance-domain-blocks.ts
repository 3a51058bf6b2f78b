/** Reads and writes of `instance_domain_blocks`: the servers the instance limits or suspends. */
import type { Queryable, Row } from '../database.ts';

export const domainBlockSeverities = ['noop', 'silence', 'suspend'] as const;
export type DomainBlockSeverity = (typeof domainBlockSeverities)[number];

export interface InstanceDomainBlockRecord {
  id: string;
  /** Normalized: lower case, punycode, with a port only when the block names one. */
  domain: string;
  severity: DomainBlockSeverity;
  rejectMedia: boolean;
  rejectReports: boolean;
  privateComment: string | null;
  publicComment: string | null;
  obfuscate: boolean;
  createdAt: number;
  updatedAt: number;
}

function fromRow(row: Row): InstanceDomainBlockRecord {
  return {
    id: String(row.id),
    domain: String(row.domain),
    severity: String(row.severity) as DomainBlockSeverity,
    rejectMedia: Boolean(row.reject_media),
    rejectReports: Boolean(row.reject_reports),
    privateComment: row.private_comment === null ? null : String(row.private_comment),
    publicComment: row.public_comment === null ? null : String(row.public_comment),
    obfuscate: Boolean(row.obfuscate),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const values = (b: InstanceDomainBlockRecord) => [
  b.severity,
  b.rejectMedia,
  b.rejectReports,
  b.privateComment,
  b.publicComment,
  b.obfuscate,
  b.updatedAt,
];

export async function insertInstanceDomainBlock(
  db: Queryable,
  block: InstanceDomainBlockRecord,
): Promise<void> {
  await db.run(
    `INSERT INTO instance_domain_blocks (id, domain, severity, reject_media, reject_reports,
       private_comment, public_comment, obfuscate, updated_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [block.id, block.domain, ...values(block), block.createdAt],
  );
}

export async function updateInstanceDomainBlock(
  db: Queryable,
  block: InstanceDomainBlockRecord,
): Promise<void> {
  await db.run(
    `UPDATE instance_domain_blocks SET severity = ?, reject_media = ?, reject_reports = ?,
       private_comment = ?, public_comment = ?, obfuscate = ?, updated_at = ? WHERE id = ?`,
    [...values(block), block.id],
  );
}

export async function deleteInstanceDomainBlock(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM instance_domain_blocks WHERE id = ?', [id]);
}

export async function findInstanceDomainBlock(
  db: Queryable,
  id: string,
): Promise<InstanceDomainBlockRecord | null> {
  const row = await db.get('SELECT * FROM instance_domain_blocks WHERE id = ?', [id]);
  return row ? fromRow(row) : null;
}

/** Every block, newest first (the whole list is small enough to hold in memory). */
export async function allInstanceDomainBlocks(db: Queryable): Promise<InstanceDomainBlockRecord[]> {
  const rows = await db.all('SELECT * FROM instance_domain_blocks ORDER BY id DESC');
  return rows.map(fromRow);
}

/** A page of blocks by id, with the SQL of `pageQuery`. */
export async function instanceDomainBlocksPage(
  db: Queryable,
  where: string[],
  params: string[],
  orderLimit: string,
): Promise<InstanceDomainBlockRecord[]> {
  const rows = await db.all(
    `SELECT * FROM instance_domain_blocks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${orderLimit}`,
    params,
  );
  return rows.map(fromRow);
}
