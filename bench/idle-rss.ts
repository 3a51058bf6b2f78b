/**
 * Idle memory: the resident set size of `woolly start` 5 seconds after it first answered
 * GET /health, with no traffic, on SQLite and PostgreSQL. Target: under 150 MB.
 *
 * Usage: node bench/idle-rss.ts [seconds=5]
 */
import { createTestDatabase, databaseKinds } from '../test/helpers/databases.ts';
import { fixed } from './stats.ts';
import { startWoollyProcess } from './woolly-process.ts';

const seconds = Number(process.argv[2] ?? 5);

console.log(`Idle RSS of woolly start, ${seconds} s after it first answered`);
for (const kind of databaseKinds) {
  const db = await createTestDatabase(kind);
  try {
    const woolly = await startWoollyProcess(db);
    const atReady = woolly.rssMiB();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const idle = woolly.rssMiB();
    await woolly.stop();
    console.log(
      `${kind.padEnd(10)} ${fixed(idle, 1).padStart(6)} MiB idle   (${fixed(atReady, 1)} MiB when it first answered)`,
    );
  } finally {
    await db.drop();
  }
}
