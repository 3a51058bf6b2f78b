/**
 * Cold start: how long `bin/woolly start` takes from spawning the process to the first answered
 * GET /health, on SQLite and PostgreSQL. "first start" begins with an empty database (so it
 * includes the migrations); "restart" starts again on the database the first run left. Prints
 * the median of several runs, with the fastest and slowest, and the median CPU time the process
 * had used by then (user + system), which moves less than the wall time on a busy machine.
 * Target: under 1 s.
 *
 * Usage: node bench/startup.ts [runs=5]
 */
import { loadavg } from 'node:os';
import { createTestDatabase, databaseKinds } from '../test/helpers/databases.ts';
import { fixed, median } from './stats.ts';
import { cpuSeconds, startWoollyProcess, type WoollyProcess } from './woolly-process.ts';

const runs = Number(process.argv[2] ?? 5);

interface Start {
  readyMs: number;
  cpuMs: number;
}

function line(label: string, starts: Start[]): string {
  const times = starts.map((s) => s.readyMs);
  const sorted = [...times].sort((a, b) => a - b);
  const cpu = median(starts.map((s) => s.cpuMs));
  return (
    `${label.padEnd(28)} median ${fixed(median(times)).padStart(5)} ms   (min ${fixed(sorted[0]!)}, max ${fixed(sorted.at(-1)!)}; ${times.length} runs)` +
    `   CPU ${fixed(cpu).padStart(4)} ms`
  );
}

/** The wall time to the first answer and the CPU time used by then, then stops it. */
async function measure(woolly: WoollyProcess): Promise<Start> {
  const cpuMs = cpuSeconds(woolly.pid) * 1000;
  await woolly.stop();
  return { readyMs: woolly.readyMs, cpuMs };
}

console.log(`Cold start of woolly start to the first answered GET /health (${runs} runs each)`);
for (const kind of databaseKinds) {
  const first: Start[] = [];
  const restart: Start[] = [];
  for (let i = 0; i < runs; i++) {
    const db = await createTestDatabase(kind, { empty: true });
    try {
      first.push(await measure(await startWoollyProcess(db)));
      restart.push(await measure(await startWoollyProcess(db)));
    } finally {
      await db.drop();
    }
  }
  console.log(line(`${kind}, first start`, first));
  console.log(line(`${kind}, restart`, restart));
}
console.log(
  `load average ${loadavg()
    .map((l) => fixed(l, 1))
    .join(' ')}`,
);
