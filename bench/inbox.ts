/**
 * Inbound federation: how many signed `Create(Note)` activities a real `woolly start` takes
 * at its shared inbox, and how many it fully processes (signature verified, post stored,
 * fanned out into the home feeds of its local followers), per second, with the server's RSS
 * during the run, on SQLite and PostgreSQL.
 *
 * The load generator (bench/inbox-sender.ts) is a separate process on the same machine: it
 * serves the simulated actors of `remote.test` over HTTPS on loopback (the server reaches
 * them through the test-only host map, so the server runs with NODE_ENV=test) and signs
 * every activity before the clock starts; while the clock runs it only posts them, but it
 * still takes CPU from the server's two cores.
 *
 * "accepted/s" counts 2xx answers at the inbox (verified and durably queued); "processed/s"
 * counts activities whose post is stored and fanned out to the home feeds of the local
 * followers (polled in the database: the posts, and no inbox or feed job left), from the
 * first request to the end of the last job. Target: 1,000 processed/s.
 *
 * Usage: node bench/inbox.ts [activities=5000] [sqlite|postgres|both] [actors=100]
 *   [local followers=10] [in flight=32]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createWoolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import type { Database } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open.ts';
import { insertFollow } from '../src/db/repositories/follows.ts';
import { buildHomeFeed } from '../src/domain/timelines/home-feed.ts';
import type { DatabaseKind } from '../test/helpers/databases.ts';
import { trustedLocalhostCertificate } from '../test/federation/test-ca.ts';
import {
  serverProcessEnv,
  startInboxBench,
  storeSenderActor,
  type SenderActor,
} from './inbox-setup.ts';
import { seedAccounts } from './seed.ts';
import { fixed, percentile } from './stats.ts';
import { cpuSeconds, waitForHealth, woollyBin } from './woolly-process.ts';

const activities = Number(process.argv[2] ?? 5000);
const which = process.argv[3] ?? 'both';
const actorCount = Number(process.argv[4] ?? 100);
const localFollowers = Number(process.argv[5] ?? 10);
const inFlight = Number(process.argv[6] ?? 32);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];
const memoryScript = fileURLToPath(new URL('./inbox-memory.ts', import.meta.url));
/** How long the server is left idle after the run before its RSS is read again. */
const idleAfterMs = 10_000;

interface MemorySample {
  t: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rssAnon: number;
  rssFile: number;
}

/** The server's own `process.memoryUsage()` samples (bench/inbox-memory.ts). */
function memorySamples(file: string): MemorySample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"t"') && line.includes('"rss"'))
    .map((line) => JSON.parse(line) as MemorySample);
}

function breakdown(m: MemorySample): string {
  const mib = (n: number) => fixed(n / 2 ** 20);
  return (
    `rss ${mib(m.rss)} (anonymous ${mib(m.rssAnon)}, files ${mib(m.rssFile)}), heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, ` +
    `external ${mib(m.external)} (array buffers ${mib(m.arrayBuffers)}) MiB`
  );
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? NaN) / 1024;
}

async function count(db: Database, sql: string): Promise<number> {
  const row = await db.get<{ n: number | string }>(sql);
  return Number(row?.n ?? 0);
}

async function run(kind: DatabaseKind, cert: ReturnType<typeof trustedLocalhostCertificate>) {
  const say = (text: string) => console.log(`${kind.padEnd(9)} ${text}`);
  const { db, env, config, sender, talk } = await startInboxBench(kind, cert, {
    actors: actorCount,
    activities,
    inFlight,
  });
  let server: ChildProcess | null = null;
  let poll: Database | null = null;
  try {
    const { actors } = await talk.read<{ actors: SenderActor[] }>();

    // Local followers of every simulated actor, written before the server starts.
    const seeding = await createWoolly(config, { log: memoryLogger('warn') });
    const locals = await seedAccounts(seeding, localFollowers);
    const deps = seeding.deps;
    for (const actor of actors) {
      const remote = await storeSenderActor(deps, actor);
      for (const local of locals) {
        await insertFollow(deps.db, 'follows', {
          id: deps.ids.next(),
          accountId: local.id,
          targetAccountId: remote.id,
          showReblogs: true,
          notify: false,
          languages: null,
          uri: null,
          createdAt: Date.now(),
        });
      }
    }
    // Their home feeds are built, as for anyone who read the home timeline lately (fan-out
    // writes only into built feeds).
    for (const local of locals) await buildHomeFeed(deps, local);
    await seeding.close();

    const memoryFile = join(db.dataDir, 'memory.jsonl');
    // BENCH_CONCURRENCY=n: `woolly start --concurrency n` (jobs at once; per thread with JOB_THREADS).
    const startArgs = process.env.BENCH_CONCURRENCY
      ? ['start', '--concurrency', process.env.BENCH_CONCURRENCY]
      : ['start'];
    server = spawn(woollyBin, startArgs, {
      cwd: db.dataDir,
      env: serverProcessEnv(
        db,
        cert,
        // The memory sampler always (bench/inbox-memory.ts); BENCH_NODE_OPTIONS: more (say
        // --max-old-space-size=128).
        [`--import=${memoryScript} --expose-gc`, process.env.BENCH_NODE_OPTIONS ?? ''],
        {
          BENCH_MEMORY: memoryFile,
          // glibc's malloc arenas (one per thread that allocates, up to 8 per core) keep freed
          // native memory; MALLOC_ARENA_MAX=2 is passed on to compare.
          ...(process.env.MALLOC_ARENA_MAX
            ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX }
            : {}),
          // JOB_THREADS=n: the server's jobs run in n threads of their own (docs/scaling.md).
          ...(process.env.JOB_THREADS ? { JOB_THREADS: process.env.JOB_THREADS } : {}),
          // JOB_THREAD_QUEUES=ingress: the threads take those queues, the main thread the rest.
          ...(process.env.JOB_THREAD_QUEUES
            ? { JOB_THREAD_QUEUES: process.env.JOB_THREAD_QUEUES }
            : {}),
          ...(process.env.BENCH_HEAP_SNAPSHOT_DIR
            ? { BENCH_HEAP_SNAPSHOT_DIR: process.env.BENCH_HEAP_SNAPSHOT_DIR }
            : {}),
          ...env,
        },
      ),
      // Its log (warnings and errors) only when asked for with BENCH_LOG_LEVEL.
      stdio: ['ignore', 'ignore', process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore'],
    });
    await waitForHealth(server, config.baseUrl, { timeoutMs: 30_000 });
    const idleRss = rssMiB(server.pid!);

    talk.write({ go: true });
    const t0 = performance.now();
    await talk.read<{ signed: number }>();
    say(
      `${activities} Create(Note) from ${actorCount} actors signed in ${fixed((performance.now() - t0) / 1000, 1)} s ` +
        `(before the clock); ${localFollowers} local followers each; ${inFlight} requests in flight; ` +
        'the sender is a separate process on the same 2 cores',
    );

    poll = openDatabase(config);
    // Processed: every post stored and fanned out, that is no inbox or feed job left. (Feeds
    // keep their newest 800 entries, so counting entries would stop short.)
    const pendingSql = `SELECT COUNT(*) AS n FROM jobs WHERE name IN ('fedify.inbox', 'feeds.process', 'reactions.status.created')`;
    const storedSql = "SELECT COUNT(*) AS n FROM statuses WHERE uri LIKE 'https://remote.test/%'";
    let stored = 0;
    let pending = 0;
    let storedAt = 0;
    let peakRss = idleRss;
    const load = loadavg()[0]!;
    const cpuBefore = cpuSeconds(server.pid!);
    const started = performance.now();
    const startedAt = Date.now();
    talk.write({ send: true });
    const sent = talk.read<{
      accepted: number;
      failed: number;
      seconds: number;
      statuses: Record<string, number>;
      documentsServed: number;
      cpuSeconds: number;
    }>();
    // What a Mastodon app sees meanwhile: GET /api/v2/instance every 50 ms, timed.
    const probes: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t = performance.now();
        const res = await fetch(`${config.baseUrl}/api/v2/instance`).catch(() => null);
        await res?.arrayBuffer();
        if (res?.ok) probes.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let lastProgress = started;
    let lastSeen = '';
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = performance.now();
      peakRss = Math.max(peakRss, rssMiB(server.pid!));
      if (stored < activities) {
        stored = await count(poll, storedSql);
        if (stored >= activities) storedAt = now;
      }
      pending = await count(poll, pendingSql);
      if (stored >= activities && pending === 0) break;
      const seen = `${stored}/${pending}`;
      if (seen !== lastSeen) {
        lastSeen = seen;
        lastProgress = now;
      }
      if (now - lastProgress > 30_000) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid!) - cpuBefore;
    probing = false;
    await probe;
    const result = await sent;
    say(
      `accepted ${fixed(result.accepted / result.seconds)} /s (${result.accepted} in ${fixed(result.seconds, 1)} s; ` +
        `answers ${JSON.stringify(result.statuses)}; ${result.documentsServed} actor documents fetched)`,
    );
    if (storedAt)
      say(`stored all ${activities} posts after ${fixed((storedAt - started) / 1000, 1)} s`);
    if (probes.length > 0) {
      probes.sort((a, b) => a - b);
      say(
        `GET /api/v2/instance during the run: p50 ${fixed(percentile(probes, 50), 1)} ms, ` +
          `p99 ${fixed(percentile(probes, 99), 1)} ms (${probes.length} requests, one every 50 ms)`,
      );
    }
    if (stored >= activities && pending === 0) {
      const entries = await count(poll, 'SELECT COUNT(*) AS n FROM feed_entries');
      say(
        `processed ${fixed(activities / seconds)} /s end to end (stored and fanned out after ${fixed(seconds, 1)} s; ${entries} home feed entries)`,
      );
    } else {
      say(
        `INCOMPLETE: ${stored} of ${activities} stored, ${pending} jobs left, no progress for 30 s`,
      );
    }
    const endRss = rssMiB(server.pid!);
    await new Promise((resolve) => setTimeout(resolve, idleAfterMs));
    const afterIdleRss = rssMiB(server.pid!);
    say(
      `server RSS ${fixed(idleRss)} MiB idle, ${fixed(peakRss)} MiB peak during the run, ` +
        `${fixed(endRss)} MiB at the end, ${fixed(afterIdleRss)} MiB after ${idleAfterMs / 1000} s idle`,
    );
    const samples = memorySamples(memoryFile);
    if (samples.length > 0) {
      const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
      const peakHeap = samples.reduce((a, b) => (b.heapUsed > a.heapUsed ? b : a));
      say(`memory at the RSS peak: ${breakdown(peak)}`);
      say(`heap used at most ${fixed(peakHeap.heapUsed / 2 ** 20)} MiB`);
      say(`memory after the idle time: ${breakdown(samples[samples.length - 1]!)}`);
      // Then all garbage collected: what is left is the live memory (and a heap snapshot in
      // BENCH_HEAP_SNAPSHOT_DIR when set).
      server.kill('SIGUSR2');
      let live: string | undefined;
      while (!live) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const lines = readFileSync(memoryFile, 'utf8').split('\n');
        const at = lines.findIndex((line) => line.includes('"gc"'));
        if (at >= 0 && lines[at + 1]) live = lines[at + 1];
      }
      say(`after a full garbage collection: ${breakdown(JSON.parse(live) as MemorySample)}`);
      // The curve: RSS and heap used (MiB) once a second from the first request.
      const curve = samples
        .filter((m, i) => m.t >= startedAt && (i % 10 === 0 || i === samples.length - 1))
        .map((m) => `${fixed(m.rss / 2 ** 20, 0)}/${fixed(m.heapUsed / 2 ** 20, 0)}`);
      say(`RSS/heap used per second (MiB): ${curve.join(' ')}`);
    }
    say(
      `server CPU ${fixed((1000 * cpu) / activities, 1)} s per 1,000 activities (user + system, ` +
        `${fixed(cpu, 1)} s in all; the sender ${fixed(result.cpuSeconds, 1)} s); ` +
        `load average ${fixed(load, 1)} at the start, ${fixed(loadavg()[0]!, 1)} at the end`,
    );
  } finally {
    sender.kill();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    await poll?.close();
    await db.drop();
  }
}

const cert = trustedLocalhostCertificate(['remote.test']);
try {
  for (const kind of kinds) await run(kind, cert);
} finally {
  cert.dispose();
}
