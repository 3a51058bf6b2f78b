/**
 * Outbound fan-out: one local post delivered to 5,000 remote followers spread over 1,000
 * servers, by a real `woolly start` (NODE_ENV=test, for the test-only host map that sends
 * `srvN.test` to loopback). The 1,000 receiving servers are plain HTTP listeners in this
 * process (they count deliveries, they do not verify signatures), separate from the server
 * but on the same two cores.
 *
 * Prints the time from POST /api/v1/statuses to the moment every server received the post,
 * how many deliveries arrived in all (one per server when shared inboxes are used) and the
 * server's peak RSS, and the server's CPU time from the POST to the last delivery (per
 * delivery too: it moves less with the machine's load than the wall time does). Target: under
 * 5 s.
 *
 * Environment: PUSH_CONCURRENCY (passed to the server), BENCH_LATENCY_MS (each receiver
 * answers that much later, as a server across the internet would), BENCH_CPU_PROF=dir (the
 * server writes a CPU profile there), BENCH_LOG_LEVEL (shows the server's log).
 *
 * Usage: node bench/fanout.ts [followers=5000] [servers=1000] [sqlite|postgres|both]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createWoolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { makeUserWithToken } from '../test/helpers/factories.ts';
import { addRemoteFollower } from '../test/helpers/remote-followers.ts';
import { testConfig, testSecret } from '../test/helpers/woolly.ts';
import { fixed, loadAverage } from './stats.ts';
import { cpuSeconds, freePort, waitForHealth, woollyBin } from './woolly-process.ts';

const followers = Number(process.argv[2] ?? 5000);
const serverCount = Number(process.argv[3] ?? 1000);
const which = process.argv[4] ?? 'both';
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];

interface Receiver {
  host: string;
  port: number;
  server: Server;
  deliveries: number;
}

async function startReceivers(onDelivery: (r: Receiver) => void): Promise<Receiver[]> {
  return Promise.all(
    Array.from({ length: serverCount }, async (_, i) => {
      const receiver = { host: `srv${i}.test`, port: 0, deliveries: 0 } as Receiver;
      receiver.server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.method === 'POST') {
            receiver.deliveries += 1;
            onDelivery(receiver);
          }
          // BENCH_LATENCY_MS: the answer comes that much later, as from a server across the
          // internet (loopback answers at once, which no real peer does).
          if (latencyMs > 0) setTimeout(() => res.writeHead(202).end(), latencyMs);
          else res.writeHead(202).end();
        });
      });
      await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
      receiver.port = (receiver.server.address() as { port: number }).port;
      return receiver;
    }),
  );
}

async function run(kind: DatabaseKind): Promise<void> {
  const say = (text: string) => console.log(`${kind.padEnd(9)} ${text}`);
  let reached = 0;
  let deliveries = 0;
  let lastAt = 0;
  const receivers = await startReceivers((r) => {
    deliveries += 1;
    if (r.deliveries === 1) reached += 1;
    lastAt = performance.now();
  });
  const db = await createTestDatabase(kind);
  const port = await freePort();
  const env = {
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    LOCAL_HTTPS: 'false',
    BIND: '127.0.0.1',
    PORT: String(port),
    FEDERATION_TEST_HOSTS: receivers.map((r) => `${r.host}=127.0.0.1:${r.port}`).join(','),
    RATE_LIMITS: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  const config = testConfig(db, env);
  let server: ChildProcess | null = null;
  try {
    const seeding = await createWoolly(config, { log: memoryLogger('warn') });
    const deps = seeding.deps;
    const poster = await makeUserWithToken(deps, { account: { username: 'poster' } });
    const t0 = performance.now();
    for (let i = 0; i < followers; i++) {
      const host = receivers[i % serverCount]!.host;
      await addRemoteFollower(deps, poster.account.id, { host, username: `f${i}` });
    }
    await seeding.close();
    say(
      `${followers} remote followers on ${serverCount} servers (answering after ${latencyMs} ms) seeded in ${fixed((performance.now() - t0) / 1000, 1)} s; ` +
        'the receivers run in the benchmark process, on the same 2 cores as the server',
    );

    server = spawn(woollyBin, ['start'], {
      cwd: db.dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        SECRET_KEY_BASE: testSecret,
        DATA_DIR: db.dataDir,
        DATABASE_URL: db.url,
        // BENCH_CPU_PROF=dir: the server writes a CPU profile there when it stops.
        ...(process.env.BENCH_CPU_PROF
          ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` }
          : {}),
        // PUSH_CONCURRENCY passes through, to compare settings.
        ...(process.env.PUSH_CONCURRENCY ? { PUSH_CONCURRENCY: process.env.PUSH_CONCURRENCY } : {}),
        // JOB_THREADS too (the server's default, auto, when it is not set).
        ...(process.env.JOB_THREADS ? { JOB_THREADS: process.env.JOB_THREADS } : {}),
        ...env,
      },
      stdio: ['ignore', 'ignore', process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore'],
    });
    await waitForHealth(server, config.baseUrl, { timeoutMs: 30_000 });

    const cpuBefore = cpuSeconds(server.pid!);
    const started = performance.now();
    const res = await fetch(`${config.baseUrl}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${poster.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'One post for every follower', visibility: 'public' }),
    });
    if (res.status !== 200) throw new Error(`posting answered ${res.status}: ${await res.text()}`);
    const postedMs = performance.now() - started;
    let peakRss = 0;
    while (reached < serverCount && performance.now() - Math.max(lastAt, started) < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      peakRss = Math.max(peakRss, Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) / 1024);
    }
    const seconds = (lastAt - started) / 1000;
    const cpu = cpuSeconds(server.pid!) - cpuBefore;
    say(`POST /api/v1/statuses answered in ${fixed(postedMs)} ms`);
    say(
      reached === serverCount
        ? `delivered to all ${serverCount} servers in ${fixed(seconds, 2)} s (${deliveries} deliveries in all)`
        : `INCOMPLETE: ${reached} of ${serverCount} servers reached (${deliveries} deliveries), none for 30 s`,
    );
    say(
      `server RSS peak ${fixed(peakRss)} MiB; server CPU ${fixed(cpu, 2)} s ` +
        `(${fixed((cpu * 1e6) / Math.max(1, deliveries))} µs per delivery); ` +
        `PUSH_CONCURRENCY ${process.env.PUSH_CONCURRENCY ?? 'default'}; load average ${loadAverage(1)}`,
    );
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    for (const r of receivers) r.server.close();
    await db.drop();
  }
}

for (const kind of kinds) await run(kind);
