/** Seeding shared by the benchmarks: rows written through the repositories, in one transaction. */
import type { Woolly } from '../src/app.ts';
import { insertAccount, type AccountRecord } from '../src/db/repositories/accounts.ts';
import { localAccountRecord } from '../src/domain/accounts/local-account-record.ts';

/** `count` local accounts `seed0`, `seed1`, ... (no key pairs: not needed to read and post). */
export async function seedAccounts(woolly: Woolly, count: number): Promise<AccountRecord[]> {
  const now = Date.now();
  const accounts = Array.from({ length: count }, (_, i) =>
    localAccountRecord({
      id: woolly.deps.ids.next(),
      username: `seed${i}`,
      baseUrl: woolly.config.baseUrl,
      now,
      displayName: `Seed ${i}`,
    }),
  );
  await woolly.deps.db.transaction(async (tx) => {
    for (const account of accounts) await insertAccount(tx, account);
  });
  return accounts;
}
