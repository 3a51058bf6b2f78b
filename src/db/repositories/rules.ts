/** Reads and writes of `rules`: the server rules shown at sign-up and on the about page. */
import type { Queryable, Row } from '../database.ts';

export interface RuleRecord {
  id: string;
  text: string;
  hint: string;
  position: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export function ruleFromRow(row: Row): RuleRecord {
  return {
    id: String(row.id),
    text: String(row.text),
    hint: String(row.hint),
    position: Number(row.position),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    deletedAt:
      row.deleted_at === null || row.deleted_at === undefined ? null : Number(row.deleted_at),
  };
}

export async function insertRule(db: Queryable, rule: RuleRecord): Promise<void> {
  await db.run(
    'INSERT INTO rules (id, text, hint, position, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [rule.id, rule.text, rule.hint, rule.position, rule.createdAt, rule.updatedAt, rule.deletedAt],
  );
}

/** The rules in force, in the order the admin gave them (Mastodon's `Rule.ordered`). */
export async function listRules(db: Queryable): Promise<RuleRecord[]> {
  const rows = await db.all('SELECT * FROM rules WHERE deleted_at IS NULL ORDER BY position, id');
  return rows.map(ruleFromRow);
}

/** The position after the last rule, for appending one. */
export async function nextRulePosition(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number | null }>(
    'SELECT MAX(position) AS n FROM rules WHERE deleted_at IS NULL',
  );
  return row?.n === null || row?.n === undefined ? 0 : Number(row.n) + 1;
}
