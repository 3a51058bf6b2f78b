/**
 * Throughput of the job queue, embedded on SQLite and on PostgreSQL and on Redis (BullMQ, the
 * scaled-out driver): jobs per second enqueued
 * one at a time (each `enqueue` a durable commit, as an inbox POST does), enqueued in
 * batches (`enqueueMany`, as a fan-out does), and run by the workers with a handler that does
 * nothing, so the figure is the queue's own cost. A baseline of bare one-row commits shows
 * the database's ceiling (on PostgreSQL, the fsync per commit dominates). Prints numbers; it
 * does not pass or fail.
 *
 * Usage: node bench/queue.ts [jobs=5000] [concurrency=8]
 * PostgreSQL comes from TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
 * each run uses a fresh temporary database. Redis comes from TEST_REDIS_URL (default
 * redis://127.0.0.1:6379), under a fresh key prefix deleted afterwards; there the workers run
 * in a runtime of their own, as a worker process beside the web process that enqueued.
 */
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { systemClock } from '../src/core/clock.ts';
import { IdGenerator } from '../src/core/ids.ts';
import { createLogger } from '../src/core/logger.ts';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { JobRuntime, QueueName } from '../src/core/queue.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { allocateWorkerId } from '../src/db/worker-id.ts';
import { createEmbeddedJobs } from '../src/jobs/embedded.ts';
import { createRedisJobs } from '../src/jobs/redis/driver.ts';
import { deleteKeys, testRedisUrl } from '../test/helpers/redis-jobs.ts';
import { createTestDatabase, databaseKinds, type DatabaseKind } from '../test/helpers/databases.ts';

const total = Number(process.argv[2] ?? 5000);
const concurrency = Number(process.argv[3] ?? 8);

/** Runs `total` no-op jobs already waiting in `queues`; returns jobs per second. */
async function drain(jobs: JobRuntime, queues: readonly QueueName[]): Promise<number> {
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const unregister = jobs.register('bench.noop', async () => {
    done += 1;
    if (done === total) finish();
  });
  const started = performance.now();
  jobs.start({ queues, concurrency });
  await finished;
  const rate = total / ((performance.now() - started) / 1000);
  await jobs.stop();
  unregister();
  return rate;
}

async function measure(kind: DatabaseKind): Promise<Record<string, number>> {
  const tdb = await createTestDatabase(kind);
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: tdb.url, SECRET_KEY_BASE: 'x'.repeat(64) }),
    tdb.dataDir,
  );
  const db = openDatabase(config);
  try {
    await migrate(db);
    const jobs = createEmbeddedJobs({
      db,
      ids: new IdGenerator(await allocateWorkerId(db)),
      clock: systemClock,
      log: createLogger({ level: 'error' }),
    });
    const figures: Record<string, number> = {};

    // The database's own ceiling: one single-row commit at a time, no queue logic.
    await db.exec('CREATE TABLE bench_commits (id BIGINT PRIMARY KEY)');
    let started = performance.now();
    for (let i = 0; i < total; i++) await db.run('INSERT INTO bench_commits (id) VALUES (?)', [i]);
    figures['baseline: bare one-row commits'] = total / ((performance.now() - started) / 1000);

    started = performance.now();
    for (let i = 0; i < total; i++) await jobs.enqueue('default', 'bench.noop', { i });
    figures['enqueue, one at a time'] = total / ((performance.now() - started) / 1000);
    figures[`processed, 1 queue, ${concurrency} workers`] = await drain(jobs, ['default']);

    const payloads = Array.from({ length: total }, (_, i) => ({ i }));
    const spread: QueueName[] = ['default', 'push', 'ingress', 'mailers', 'pull'];
    started = performance.now();
    for (let i = 0; i < total; i += 100) {
      await jobs.enqueueMany(
        spread[(i / 100) % spread.length]!,
        'bench.noop',
        payloads.slice(i, i + 100),
      );
    }
    figures['enqueueMany, batches of 100'] = total / ((performance.now() - started) / 1000);
    figures[`processed, 5 queues, ${concurrency} workers`] = await drain(jobs, spread);
    return figures;
  } finally {
    await db.close();
    await tdb.drop();
  }
}

/** The same figures on the Redis driver, next to bare SET round trips (Redis's ceiling here). */
async function measureRedis(): Promise<Record<string, number>> {
  const prefix = `woolly-bench:${randomUUID()}`;
  let worker = 0;
  const runtime = () =>
    createRedisJobs({
      url: testRedisUrl,
      prefix,
      ids: new IdGenerator((worker += 1)),
      log: createLogger({ level: 'error' }),
    });
  const producer = runtime();
  const bare = new Redis(testRedisUrl);
  try {
    const figures: Record<string, number> = {};
    let started = performance.now();
    for (let i = 0; i < total; i++) await bare.set(`${prefix}:baseline`, String(i));
    figures['baseline: bare SET round trips'] = total / ((performance.now() - started) / 1000);
    started = performance.now();
    for (let i = 0; i < total; i++) await producer.enqueue('default', 'bench.noop', { i });
    figures['enqueue, one at a time'] = total / ((performance.now() - started) / 1000);
    figures[`processed, 1 queue, ${concurrency} workers`] = await drain(runtime(), ['default']);

    const payloads = Array.from({ length: total }, (_, i) => ({ i }));
    const spread: QueueName[] = ['default', 'push', 'ingress', 'mailers', 'pull'];
    started = performance.now();
    for (let i = 0; i < total; i += 100) {
      await producer.enqueueMany(
        spread[(i / 100) % spread.length]!,
        'bench.noop',
        payloads.slice(i, i + 100),
      );
    }
    figures['enqueueMany, batches of 100'] = total / ((performance.now() - started) / 1000);
    figures[`processed, 5 queues, ${concurrency} workers`] = await drain(runtime(), spread);
    return figures;
  } finally {
    bare.disconnect();
    await producer.stop();
    await deleteKeys(testRedisUrl, prefix);
  }
}

console.log(`Job queue, ${total} jobs (jobs/s)`);
for (const kind of [...databaseKinds, 'redis'] as const) {
  const figures = kind === 'redis' ? await measureRedis() : await measure(kind);
  for (const [what, rate] of Object.entries(figures)) {
    console.log(
      `  ${kind.padEnd(8)}  ${what.padEnd(34)} ${Math.round(rate).toString().padStart(8)}`,
    );
  }
}
