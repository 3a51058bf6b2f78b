/**
 * How long `POST /api/v1/statuses` takes for an author whose followers are on 1, 100 and
 * 1,000 remote servers (one follower each), in process, on SQLite and PostgreSQL. Fedify is
 * loaded by a warm-up post first. After each post the benchmark runs the post's outbox jobs
 * (federation/outbox/durable.ts: audience, Note, Fedify's sendActivity, which compacts and
 * signs the activity and queues its fan-out) as a worker would, and times them apart: that is
 * the work the request no longer waits for, and then Fedify's fan-out job (one queued
 * delivery per inbox), when Fedify made one. Deliveries are not run (bench/fanout.ts does).
 *
 * Prints p50/p99 wall time and CPU time per post (CPU moves less with the machine's load),
 * and the load average.
 *
 * Usage: node bench/post-latency.ts [posts=20] [sqlite|postgres|both] [servers=1,100,1000]
 */
import { createWoolly, type Woolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import type { EmbeddedJobs } from '../src/jobs/embedded.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { makeUserWithToken } from '../test/helpers/factories.ts';
import { addRemoteFollower } from '../test/helpers/remote-followers.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { fixed, loadAverage, percentile } from './stats.ts';

const posts = Number(process.argv[2] ?? 20);
const which = process.argv[3] ?? 'both';
const serverCounts = (process.argv[4] ?? '1,100,1000').split(',').map(Number);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];

async function seedFollowers(woolly: Woolly, targetId: string, from: number, to: number) {
  for (let i = from; i < to; i++) {
    await addRemoteFollower(woolly.deps, targetId, { host: `srv${i}.test`, username: `f${i}` });
  }
}

/** Runs Fedify's waiting fan-out jobs (queued before their deliveries) and no delivery. */
async function runFanoutJobs(woolly: Woolly): Promise<void> {
  const row = await woolly.deps.db.get<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM jobs WHERE name = 'fedify.fanout' AND state = 'waiting'",
  );
  const n = Number(row?.n ?? 0);
  if (n > 0) await (woolly.jobs as EmbeddedJobs).runDue({ queues: ['push'], limit: n });
}

/** Runs the waiting outbox jobs (they go first on `default`), as a worker would. */
async function runOutboxJobs(woolly: Woolly): Promise<void> {
  for (;;) {
    const row = await woolly.deps.db.get<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM jobs WHERE name LIKE 'outbox.%' AND state = 'waiting'",
    );
    if (Number(row?.n ?? 0) === 0) return;
    await (woolly.jobs as EmbeddedJobs).runDue({ queues: ['default'], limit: Number(row!.n) });
  }
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function summary(label: string, wall: number[], cpu: number[]): string {
  const w = [...wall].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  return (
    `${label} p50 ${fixed(percentile(w, 50), 1)} ms, p99 ${fixed(percentile(w, 99), 1)} ms ` +
    `(CPU p50 ${fixed(percentile(c, 50), 1)} ms)`
  );
}

async function run(kind: DatabaseKind): Promise<void> {
  const db = await createTestDatabase(kind);
  const woolly = await createWoolly(testConfig(db, { RATE_LIMITS: 'false' }), {
    log: memoryLogger('error'),
  });
  try {
    const poster = await makeUserWithToken(woolly.deps, { account: { username: 'poster' } });
    const post = async (text: string) => {
      const res = await woolly.http.request(`${woolly.config.baseUrl}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${poster.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: text, visibility: 'public' }),
      });
      if (res.status !== 200) throw new Error(`posting answered ${res.status}`);
      await res.arrayBuffer();
    };
    let seeded = 0;
    for (const servers of serverCounts) {
      await seedFollowers(woolly, poster.account.id, seeded, servers);
      seeded = Math.max(seeded, servers);
      await post('warm-up');
      await runOutboxJobs(woolly);
      const wall: number[] = [];
      const cpu: number[] = [];
      const jobWall: number[] = [];
      const jobCpu: number[] = [];
      const fanWall: number[] = [];
      const fanCpu: number[] = [];
      for (let i = 0; i < posts; i++) {
        await woolly.deps.db.run("DELETE FROM jobs WHERE name LIKE 'fedify.%'");
        let [t, c] = [performance.now(), cpuMs()];
        await post(`post ${i}`);
        wall.push(performance.now() - t);
        cpu.push(cpuMs() - c);
        [t, c] = [performance.now(), cpuMs()];
        await runOutboxJobs(woolly);
        jobWall.push(performance.now() - t);
        jobCpu.push(cpuMs() - c);
        [t, c] = [performance.now(), cpuMs()];
        await runFanoutJobs(woolly);
        fanWall.push(performance.now() - t);
        fanCpu.push(cpuMs() - c);
      }
      const load = loadAverage(1);
      console.log(
        `${kind.padEnd(9)} ${String(servers).padStart(4)} servers: ` +
          `${summary('POST', wall, cpu)}; ${summary('outbox job', jobWall, jobCpu)}; ` +
          `${summary("Fedify's fan-out job", fanWall, fanCpu)}; ` +
          `load average ${load}`,
      );
    }
  } finally {
    await woolly.close();
    await db.drop();
  }
}

for (const kind of kinds) await run(kind);
