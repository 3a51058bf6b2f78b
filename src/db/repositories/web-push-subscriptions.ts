/**
 * Reads and writes of `web_push_subscriptions`: where to push an account's notifications,
 * the keys to encrypt them for, and which of them the app wants.
 */
import type { Queryable, Row } from '../database.ts';

export const pushPolicies = ['all', 'followed', 'follower', 'none'] as const;
export type PushPolicy = (typeof pushPolicies)[number];

export interface WebPushSubscriptionRecord {
  id: string;
  accessTokenId: string;
  accountId: string;
  endpoint: string;
  /** The browser's P-256 public key, base64url. */
  keyP256dh: string;
  /** The browser's 16-byte authentication secret, base64url. */
  keyAuth: string;
  /** RFC 8291 (`aes128gcm`) when true; the older draft (`aesgcm`) when false. */
  standard: boolean;
  /** Notification type → whether to push it. */
  alerts: Record<string, boolean>;
  policy: PushPolicy;
  sealedAccessToken: string;
  createdAt: number;
  updatedAt: number;
}

function fromRow(row: Row): WebPushSubscriptionRecord {
  return {
    id: String(row.id),
    accessTokenId: String(row.access_token_id),
    accountId: String(row.account_id),
    endpoint: String(row.endpoint),
    keyP256dh: String(row.key_p256dh),
    keyAuth: String(row.key_auth),
    standard: Boolean(row.standard),
    alerts: JSON.parse(String(row.alerts)) as Record<string, boolean>,
    policy: String(row.policy) as PushPolicy,
    sealedAccessToken: String(row.sealed_access_token),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function insertWebPushSubscription(
  db: Queryable,
  s: WebPushSubscriptionRecord,
): Promise<void> {
  await db.run(
    `INSERT INTO web_push_subscriptions (id, access_token_id, account_id, endpoint, key_p256dh, key_auth, standard, alerts, policy, sealed_access_token, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.id,
      s.accessTokenId,
      s.accountId,
      s.endpoint,
      s.keyP256dh,
      s.keyAuth,
      s.standard,
      JSON.stringify(s.alerts),
      s.policy,
      s.sealedAccessToken,
      s.createdAt,
      s.updatedAt,
    ],
  );
}

export async function findWebPushSubscriptionByToken(
  db: Queryable,
  accessTokenId: string,
): Promise<WebPushSubscriptionRecord | null> {
  const row = await db.get(
    'SELECT * FROM web_push_subscriptions WHERE access_token_id = ? ORDER BY id LIMIT 1',
    [accessTokenId],
  );
  return row ? fromRow(row) : null;
}

export async function findWebPushSubscriptionById(
  db: Queryable,
  id: string,
): Promise<WebPushSubscriptionRecord | null> {
  const row = await db.get('SELECT * FROM web_push_subscriptions WHERE id = ?', [id]);
  return row ? fromRow(row) : null;
}

export async function findWebPushSubscriptionsOfAccount(
  db: Queryable,
  accountId: string,
): Promise<WebPushSubscriptionRecord[]> {
  const rows = await db.all(
    'SELECT * FROM web_push_subscriptions WHERE account_id = ? ORDER BY id',
    [accountId],
  );
  return rows.map(fromRow);
}

/** The subscriptions of each of `accountIds` (all of them, in one query), by id order. */
export async function findWebPushSubscriptionsOfAccounts(
  db: Queryable,
  accountIds: readonly string[],
): Promise<WebPushSubscriptionRecord[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.all(
    `SELECT * FROM web_push_subscriptions WHERE account_id IN (${accountIds.map(() => '?').join(', ')}) ORDER BY id`,
    accountIds,
  );
  return rows.map(fromRow);
}

export async function updateWebPushSubscriptionData(
  db: Queryable,
  id: string,
  data: { alerts: Record<string, boolean>; policy: PushPolicy; updatedAt: number },
): Promise<void> {
  await db.run(
    'UPDATE web_push_subscriptions SET alerts = ?, policy = ?, updated_at = ? WHERE id = ?',
    [JSON.stringify(data.alerts), data.policy, data.updatedAt, id],
  );
}

export async function deleteWebPushSubscriptionsOfToken(
  db: Queryable,
  accessTokenId: string,
): Promise<void> {
  await db.run('DELETE FROM web_push_subscriptions WHERE access_token_id = ?', [accessTokenId]);
}

export async function deleteWebPushSubscription(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM web_push_subscriptions WHERE id = ?', [id]);
}
