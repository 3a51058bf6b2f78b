/**
 * The HTTP half of inbound federation alone: what a real server spends to accept a signed
 * `Create(Note)` at its shared inbox (parse, middlewares, signature check, durable enqueue,
 * 202), with no job worker in the process, so the server's CPU is the intake's only. Where
 * bench/inbox.ts mixes accepting and processing, this one says what a change to the request
 * path saved; bench/inbox-stages.ts says what the same work costs in-process.
 *
 * The server is `woolly web` (workers off) on a fresh database; the load generator is
 * bench/inbox-sender.ts in its own process, signing everything before the clock starts.
 * Before the clock, one unsigned POST loads Fedify (answered 401) so its load is not counted.
 * `BENCH_CPU_PROF=dir` makes the server write a CPU profile there when it stops.
 *
 * Usage: node bench/inbox-http.ts [activities=3000] [sqlite|postgres] [actors=100] [in flight=32]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWoolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import type { DatabaseKind } from '../test/helpers/databases.ts';
import { trustedLocalhostCertificate } from '../test/federation/test-ca.ts';
import {
  serverProcessEnv,
  startInboxBench,
  storeSenderActor,
  type SenderActor,
} from './inbox-setup.ts';
import { fixed } from './stats.ts';
import { cpuTimes, waitForHealth, woollyBin } from './woolly-process.ts';

const activities = Number(process.argv[2] ?? 3000);
const kind = (process.argv[3] ?? 'sqlite') as DatabaseKind;
const actorCount = Number(process.argv[4] ?? 100);
const inFlight = Number(process.argv[5] ?? 32);
const cert = trustedLocalhostCertificate(['remote.test']);
const { db, env, config, sender, talk } = await startInboxBench(kind, cert, {
  actors: actorCount,
  activities,
  inFlight,
});
let server: ChildProcess | null = null;
try {
  const { actors } = await talk.read<{ actors: SenderActor[] }>();
  const seeding = await createWoolly(config, { log: memoryLogger('warn') });
  for (const actor of actors) await storeSenderActor(seeding.deps, actor);
  await seeding.close();

  server = spawn(woollyBin, ['web'], {
    cwd: db.dataDir,
    env: serverProcessEnv(db, cert, [], env),
    stdio: ['ignore', 'ignore', process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore'],
  });
  await waitForHealth(server, config.baseUrl, { timeoutMs: 30_000 });
  // Fedify loads on the first inbox POST: before the clock.
  const warm = await fetch(`${config.baseUrl}/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/activity+json' },
    body: '{}',
  });
  await warm.arrayBuffer();

  talk.write({ go: true });
  await talk.read<{ signed: number }>();
  const before = cpuTimes(server.pid!);
  talk.write({ send: true });
  const result = await talk.read<{
    accepted: number;
    seconds: number;
    statuses: Record<string, number>;
    cpuSeconds: number;
  }>();
  const after = cpuTimes(server.pid!);
  const [user, system] = [after.user - before.user, after.system - before.system];
  const cpu = user + system;
  console.log(
    `${kind} accepted ${fixed(result.accepted / result.seconds)} /s; server CPU ${fixed((1000 * cpu) / activities, 3)} ms per activity ` +
      `(${fixed((1000 * user) / activities, 3)} user, ${fixed((1000 * system) / activities, 3)} system; ${fixed(cpu, 2)} s for ${activities}; answers ${JSON.stringify(result.statuses)}; sender ${fixed(result.cpuSeconds, 1)} s)`,
  );
} finally {
  sender.kill();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  await db.drop();
  cert.dispose();
}
