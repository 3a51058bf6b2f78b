/**
 * What the inbound benchmarks against a real server share (bench/inbox.ts, bench/inbox-http.ts):
 * the server's environment, the load generator (bench/inbox-sender.ts) in its own process,
 * spoken to one JSON object a line, the simulated actors stored before the server starts, and
 * the server's process environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/config/schema.ts';
import type { Deps } from '../src/domain/context.ts';
import type { AccountRecord } from '../src/db/repositories/accounts.ts';
import { upsertRemoteAccount } from '../src/domain/accounts/upsert-remote-account.ts';
import {
  createTestDatabase,
  type DatabaseKind,
  type TestDatabase,
} from '../test/helpers/databases.ts';
import { testConfig, testSecret } from '../test/helpers/woolly.ts';
import type { trustedLocalhostCertificate } from '../test/federation/test-ca.ts';
import { freePort } from './woolly-process.ts';

const senderScript = fileURLToPath(new URL('./inbox-sender.ts', import.meta.url));

type Certificate = ReturnType<typeof trustedLocalhostCertificate>;

/** An actor the sender serves and signs for. */
export interface SenderActor {
  uri: string;
  username: string;
  key: string;
}

/** The server's settings: on loopback, `remote.test` mapped to the sender, no rate limits. */
export async function inboxBenchEnv(): Promise<{
  env: Record<string, string>;
  senderPort: number;
}> {
  const [senderPort, serverPort] = [await freePort(), await freePort()];
  return {
    senderPort,
    env: {
      LOCAL_DOMAIN: `127.0.0.1:${serverPort}`,
      LOCAL_HTTPS: 'false',
      BIND: '127.0.0.1',
      PORT: String(serverPort),
      FEDERATION_TEST_HOSTS: `remote.test=127.0.0.1:${senderPort}`,
      RATE_LIMITS: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    },
  };
}

/** A child process speaking one JSON object a line. */
export function jsonLines(child: ChildProcess) {
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

/** Starts the load generator: `actors` actors, `activities` signed activities, `inFlight` at once. */
export function startSender(options: {
  config: Config;
  cert: Certificate;
  senderPort: number;
  actors: number;
  activities: number;
  inFlight: number;
}) {
  const { config, cert } = options;
  const sender = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      senderScript,
      `${config.baseUrl}/inbox`,
      String(options.actors),
      String(options.activities),
      String(options.inFlight),
      cert.certFile,
      cert.keyFile,
      String(options.senderPort),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return { sender, talk: jsonLines(sender) };
}

/**
 * The start both benchmarks share: a fresh database, the server's settings on it, and the load
 * generator started with `actors` actors, `activities` activities and `inFlight` at once.
 */
export async function startInboxBench(
  kind: DatabaseKind,
  cert: Certificate,
  counts: { actors: number; activities: number; inFlight: number },
) {
  const db = await createTestDatabase(kind);
  const { env, senderPort } = await inboxBenchEnv();
  const config = testConfig(db, env);
  const { sender, talk } = startSender({ config, cert, senderPort, ...counts });
  return { db, env, config, sender, talk };
}

/** Stores a simulated actor as the server would after fetching it. */
export function storeSenderActor(deps: Deps, actor: SenderActor): Promise<AccountRecord> {
  return upsertRemoteAccount(deps, {
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

/** The server process's environment: test mode, the database, the test CA, and `more`. */
export function serverProcessEnv(
  db: TestDatabase,
  cert: Certificate,
  nodeOptions: string[],
  more: Record<string, string>,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    SECRET_KEY_BASE: testSecret,
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    NODE_EXTRA_CA_CERTS: cert.caFile,
    // BENCH_CPU_PROF=dir: the server writes a CPU profile there when it stops.
    NODE_OPTIONS: [
      ...nodeOptions,
      process.env.BENCH_CPU_PROF ? `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ...more,
  };
}
