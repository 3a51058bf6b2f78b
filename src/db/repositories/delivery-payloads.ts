/**
 * The shared parts of a fan-out's deliveries (migration 0070): stored once, read by each
 * delivery, counted down as deliveries finish and deleted by the last one.
 */
import type { Queryable } from '../database.ts';

export async function insertDeliveryPayload(
  q: Queryable,
  row: { id: string; body: string; remaining: number; createdAt: number },
): Promise<void> {
  await q.run(
    'INSERT INTO delivery_payloads (id, body, remaining, created_at) VALUES (?, ?, ?, ?)',
    [row.id, row.body, row.remaining, row.createdAt],
  );
}

/** The stored body (JSON), or null when no delivery needs it any more. */
export async function findDeliveryPayload(q: Queryable, id: string): Promise<string | null> {
  const row = await q.get<{ body: string }>('SELECT body FROM delivery_payloads WHERE id = ?', [
    id,
  ]);
  return row ? String(row.body) : null;
}

/** One delivery needing it finished; the last one deletes it. Returns how many still need it. */
export async function releaseDeliveryPayload(q: Queryable, id: string): Promise<number> {
  const row = await q.get<{ remaining: number }>(
    'UPDATE delivery_payloads SET remaining = remaining - 1 WHERE id = ? RETURNING remaining',
    [id],
  );
  const remaining = row ? Number(row.remaining) : 0;
  if (row && remaining <= 0) {
    await q.run('DELETE FROM delivery_payloads WHERE id = ? AND remaining <= 0', [id]);
  }
  return Math.max(0, remaining);
}

/** Deletes rows created before `before` (deliveries lost without finishing); returns how many. */
export async function deleteStaleDeliveryPayloads(q: Queryable, before: number): Promise<number> {
  const { changes } = await q.run('DELETE FROM delivery_payloads WHERE created_at < ?', [before]);
  return changes;
}
