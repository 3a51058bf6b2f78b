/**
 * Idle memory: the resident set size of `woolly start` 5 seconds after it first answered
 * GET /health, with no traffic, on SQLite and PostgreSQL. Target: under 150 MB.
 *
 * A start that finds a source file missing from Node's compile cache (the first after an
 * install, an upgrade or an edit) also loads Node's TypeScript stripper, about 20 MiB more until
 * the process ends; each database's figure is therefore taken on a second start, after a first
 * one has filled the cache, as on an instance that has been started before.
 *
 * Usage: node bench/idle-rss.ts [seconds=5]
 */
import { loadavg } from 'node:os';
import { createTestDatabase, databaseKinds } from '../test/helpers/databases.ts';
import { fixed } from './stats.ts';
import { startWoollyProcess } from './woolly-process.ts';

const seconds = Number(process.argv[2] ?? 5);

console.log(`Idle RSS of woolly start, ${seconds} s after it first answered`);
for (const kind of databaseKinds) {
  const db = await createTestDatabase(kind);
  try {
    await (await startWoollyProcess(db)).stop();
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
console.log(
  `load average ${loadavg()
    .map((l) => fixed(l, 1))
    .join(' ')}`,
);
