/**
 * Cold start: how long `bin/woolly start` takes from spawning the process to the first answered
 * GET /health, on SQLite and PostgreSQL. "first start" begins with an empty database (so it
 * includes the migrations); "restart" starts again on the database the first run left. Prints
 * the median of several runs, with the fastest and slowest. Target: under 1 s.
 *
 * Usage: node bench/startup.ts [runs=5]
 */
import { createTestDatabase, databaseKinds } from '../test/helpers/databases.ts';
import { fixed, median } from './stats.ts';
import { startWoollyProcess } from './woolly-process.ts';

const runs = Number(process.argv[2] ?? 5);

function line(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label.padEnd(28)} median ${fixed(median(times)).padStart(5)} ms   (min ${fixed(sorted[0]!)}, max ${fixed(sorted.at(-1)!)}; ${times.length} runs)`;
}

console.log(`Cold start of woolly start to the first answered GET /health (${runs} runs each)`);
for (const kind of databaseKinds) {
  const first: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await createTestDatabase(kind);
    try {
      const a = await startWoollyProcess(db);
      first.push(a.readyMs);
      await a.stop();
      const b = await startWoollyProcess(db);
      restart.push(b.readyMs);
      await b.stop();
    } finally {
      await db.drop();
    }
  }
  console.log(line(`${kind}, first start`, first));
  console.log(line(`${kind}, restart`, restart));
}
