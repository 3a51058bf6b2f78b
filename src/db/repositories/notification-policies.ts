/**
 * Reads and writes of `notification_policies`: how one account wants notifications from
 * strangers handled. An account without a row has the defaults of the table (Mastodon's).
 */
import { placeholders, type Queryable, type Row } from '../database.ts';

export const policyActions = ['accept', 'filter', 'drop'] as const;
export type PolicyAction = (typeof policyActions)[number];

export interface NotificationPolicyRecord {
  accountId: string;
  forNotFollowing: PolicyAction;
  forNotFollowers: PolicyAction;
  forNewAccounts: PolicyAction;
  forPrivateMentions: PolicyAction;
  forLimitedAccounts: PolicyAction;
  updatedAt: number | null;
}

export type PolicyRule = Exclude<keyof NotificationPolicyRecord, 'accountId' | 'updatedAt'>;

/** The policy of an account that never changed it (the table's defaults, Mastodon's). */
export function defaultPolicy(accountId: string): NotificationPolicyRecord {
  return {
    accountId,
    forNotFollowing: 'accept',
    forNotFollowers: 'accept',
    forNewAccounts: 'accept',
    forPrivateMentions: 'filter',
    forLimitedAccounts: 'filter',
    updatedAt: null,
  };
}

const action = (v: unknown): PolicyAction =>
  policyActions.includes(v as PolicyAction) ? (v as PolicyAction) : 'accept';

export async function findNotificationPolicy(
  db: Queryable,
  accountId: string,
): Promise<NotificationPolicyRecord> {
  const row = await db.get<Row>('SELECT * FROM notification_policies WHERE account_id = ?', [
    accountId,
  ]);
  return row ? policyFromRow(accountId, row) : defaultPolicy(accountId);
}

/** The policies of `accountIds`, each account's own or the default, in one query. */
export async function findNotificationPolicies(
  db: Queryable,
  accountIds: readonly string[],
): Promise<Map<string, NotificationPolicyRecord>> {
  const rows =
    accountIds.length === 0
      ? []
      : await db.all<Row>(
          `SELECT * FROM notification_policies WHERE account_id IN (${placeholders(accountIds.length)})`,
          accountIds,
        );
  const found = new Map(rows.map((row) => [String(row.account_id), row]));
  return new Map(
    accountIds.map((id) => {
      const row = found.get(id);
      return [id, row ? policyFromRow(id, row) : defaultPolicy(id)];
    }),
  );
}

function policyFromRow(accountId: string, row: Row): NotificationPolicyRecord {
  return {
    accountId,
    forNotFollowing: action(row.for_not_following),
    forNotFollowers: action(row.for_not_followers),
    forNewAccounts: action(row.for_new_accounts),
    forPrivateMentions: action(row.for_private_mentions),
    forLimitedAccounts: action(row.for_limited_accounts),
    updatedAt: Number(row.updated_at),
  };
}

/** Writes the whole policy, creating the row on first change. */
export async function saveNotificationPolicy(
  db: Queryable,
  policy: NotificationPolicyRecord & { updatedAt: number },
): Promise<void> {
  await db.run(
    `INSERT INTO notification_policies (account_id, for_not_following, for_not_followers, for_new_accounts,
                                        for_private_mentions, for_limited_accounts, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET
       for_not_following = excluded.for_not_following,
       for_not_followers = excluded.for_not_followers,
       for_new_accounts = excluded.for_new_accounts,
       for_private_mentions = excluded.for_private_mentions,
       for_limited_accounts = excluded.for_limited_accounts,
       updated_at = excluded.updated_at`,
    [
      policy.accountId,
      policy.forNotFollowing,
      policy.forNotFollowers,
      policy.forNewAccounts,
      policy.forPrivateMentions,
      policy.forLimitedAccounts,
      policy.updatedAt,
    ],
  );
}
