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
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createWoolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import { upsertRemoteAccount } from '../src/domain/accounts/upsert-remote-account.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { testConfig, testSecret } from '../test/helpers/woolly.ts';
import { trustedLocalhostCertificate } from '../test/federation/test-ca.ts';
import { fixed } from './stats.ts';
import { readFileSync } from 'node:fs';
import { freePort, waitForHealth, woollyBin } from './woolly-process.ts';

const activities = Number(process.argv[2] ?? 3000);
const kind = (process.argv[3] ?? 'sqlite') as DatabaseKind;
const actorCount = Number(process.argv[4] ?? 100);
const inFlight = Number(process.argv[5] ?? 32);
/** User and system CPU seconds of a process so far (Linux /proc; clock ticks of 10 ms). */
function cpuTimes(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

const senderScript = fileURLToPath(new URL('./inbox-sender.ts', import.meta.url));

function jsonLines(child: ChildProcess) {
  const lines = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    const resume = waiting.shift();
    if (resume) resume(line);
    else queue.push(line);
  });
  return {
    async read<T>(): Promise<T> {
      const line = queue.shift() ?? (await new Promise<string>((r) => waiting.push(r)));
      return JSON.parse(line) as T;
    },
    write(message: object) {
      child.stdin!.write(`${JSON.stringify(message)}\n`);
    },
  };
}

const cert = trustedLocalhostCertificate(['remote.test']);
const db = await createTestDatabase(kind);
const [senderPort, serverPort] = [await freePort(), await freePort()];
const env = {
  LOCAL_DOMAIN: `127.0.0.1:${serverPort}`,
  LOCAL_HTTPS: 'false',
  BIND: '127.0.0.1',
  PORT: String(serverPort),
  FEDERATION_TEST_HOSTS: `remote.test=127.0.0.1:${senderPort}`,
  RATE_LIMITS: 'false',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
};
const config = testConfig(db, env);
const sender = spawn(
  process.execPath,
  [
    '--disable-warning=ExperimentalWarning',
    senderScript,
    `${config.baseUrl}/inbox`,
    String(actorCount),
    String(activities),
    String(inFlight),
    cert.certFile,
    cert.keyFile,
    String(senderPort),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const talk = jsonLines(sender);
let server: ChildProcess | null = null;
try {
  const { actors } = await talk.read<{
    actors: { uri: string; username: string; key: string }[];
  }>();
  const seeding = await createWoolly(config, { log: memoryLogger('warn') });
  for (const actor of actors) {
    await upsertRemoteAccount(seeding.deps, {
      uri: actor.uri,
      username: actor.username,
      domain: 'remote.test',
      url: null,
      displayName: actor.username,
      note: '',
      fields: [],
      locked: false,
      bot: false,
      actorType: 'Person',
      discoverable: true,
      indexable: true,
      inboxUrl: `${actor.uri}/inbox`,
      outboxUrl: null,
      sharedInboxUrl: 'https://remote.test/inbox',
      followersUrl: `${actor.uri}/followers`,
      followingUrl: null,
      featuredUrl: null,
      publicKey: actor.key,
      avatarRemoteUrl: null,
      headerRemoteUrl: null,
      alsoKnownAs: [],
    });
  }
  await seeding.close();

  server = spawn(woollyBin, ['web'], {
    cwd: db.dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      SECRET_KEY_BASE: testSecret,
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url,
      NODE_EXTRA_CA_CERTS: cert.caFile,
      NODE_OPTIONS: process.env.BENCH_CPU_PROF
        ? `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}`
        : '',
      ...env,
    },
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
