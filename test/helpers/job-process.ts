/**
 * A real Woolly process for the crash tests (test/jobs/crash.test.ts), configured from the
 * environment like `woolly start`. Modes:
 *
 * - `accept <marker>`: enqueues a job that writes `marker`, prints `accepted <id>` once
 *   `enqueue` has resolved, and idles (no workers) until it is killed.
 * - `hang <marker>`: starts Woolly with its workers, enqueues the job, and the job hangs
 *   after printing `started`, so it is running when the process is killed.
 * - `work <marker>`: starts Woolly (HTTP and workers) and exits once the job has run.
 *
 * Locks last one second here, so a job held by a killed process is taken over quickly.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createWoolly } from '../../src/app.ts';

const [mode, marker] = process.argv.slice(2);
if (!marker || !['accept', 'hang', 'work'].includes(mode ?? '')) {
  console.error('usage: job-process.ts accept|hang|work <marker-file>');
  process.exit(2);
}

const woolly = await createWoolly(loadConfig(), {
  log: createLogger({ level: 'warn' }),
  jobs: { lockMs: 1000, pollMs: 100 },
});
woolly.jobs.register('test.write-marker', async (payload) => {
  if (mode === 'hang') {
    process.stdout.write('started\n');
    await new Promise(() => {});
  }
  writeFileSync((payload as { path: string }).path, `ran in process ${process.pid}\n`);
});

if (mode === 'work') {
  await woolly.listen();
  while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 20));
  await woolly.close();
  process.stdout.write('ran\n');
} else {
  if (mode === 'hang') await woolly.listen();
  const id = await woolly.jobs.enqueue('default', 'test.write-marker', { path: marker });
  process.stdout.write(`accepted ${id}\n`);
  // Idle until killed.
  setInterval(() => {}, 60_000);
}
