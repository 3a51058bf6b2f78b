/**
 * What Fedify's mark for each processed inbound activity costs to write into the `kv` table:
 * one upsert and its commit per activity (as every KvStore `set` was), against the batches of
 * src/federation/idempotence-marks.ts (64 marks in one statement), in CPU time of this process
 * and wall time per mark. The table first holds `existing` marks of other activities (a day
 * of them on a busy instance is millions), with keys from many servers as real ones are.
 * Prints numbers; it does not pass or fail.
 *
 * Usage: node bench/kv-idempotence.ts [marks=4000] [existing=200000] [sqlite|postgres|both]
 */
import { systemClock } from '../src/core/clock.ts';
import type { Database } from '../src/db/database.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import { IdempotenceMarks } from '../src/federation/idempotence-marks.ts';
import { createTestDatabase, databaseKinds, type DatabaseKind } from '../test/helpers/databases.ts';
import { fixed } from './stats.ts';

const marks = Number(process.argv[2] ?? 4000);
const existing = Number(process.argv[3] ?? 200_000);
const which = process.argv[4] ?? 'both';
const kinds: DatabaseKind[] = which === 'both' ? databaseKinds : [which as DatabaseKind];

const upsert = `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`;

/** A mark's key as Fedify writes it, for an activity of one of many servers. */
function key(run: string, n: number): string {
  const server = `https://server${n % 97}.example`;
  return JSON.stringify([
    '_fedify',
    'activityIdempotence',
    'https://woolly.example',
    `${server}/users/u${n % 1013}/statuses/${run}${n}/activity`,
  ]);
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function timed(name: string, say: (text: string) => void, run: () => Promise<void>) {
  const cpu = cpuMs();
  const wall = performance.now();
  await run();
  const us = (ms: number) => fixed((ms / marks) * 1000, 1);
  say(`${name}: ${us(cpuMs() - cpu)} us CPU, ${us(performance.now() - wall)} us wall per mark`);
}

async function bench(kind: DatabaseKind) {
  const say = (text: string) => console.log(`${kind.padEnd(9)} ${text}`);
  const test = await createTestDatabase(kind);
  const db: Database =
    kind === 'sqlite'
      ? openSqlite(test.url.replace('sqlite://', ''))
      : openPostgres({ url: test.url });
  try {
    const expiresAt = Date.now() + 86_400_000;
    for (let from = 0; from < existing; from += 1000) {
      await db.transaction(async (tx) => {
        for (let n = from; n < Math.min(existing, from + 1000); n++) {
          await tx.run(upsert, [key('old', n), 'true', expiresAt]);
        }
      });
    }
    say(`${marks} marks onto ${existing} existing`);
    for (const round of [1, 2]) {
      await timed(`one by one (round ${round})`, say, async () => {
        for (let n = 0; n < marks; n++)
          await db.run(upsert, [key(`a${round}-`, n), 'true', expiresAt]);
      });
      await timed(`batched    (round ${round})`, say, async () => {
        const kept = new IdempotenceMarks(db, systemClock);
        for (let n = 0; n < marks; n++) {
          await kept.add(key(`b${round}-`, n), { json: 'true', expiresAt });
        }
        await kept.close();
      });
    }
  } finally {
    await db.close();
    await test.drop();
  }
}

for (const kind of kinds) await bench(kind);
