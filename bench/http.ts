/**
 * Requests per second and latency (p50, p99) of two endpoints every Mastodon app calls on
 * launch, against a real `woolly start` on SQLite and PostgreSQL:
 * GET /api/v1/accounts/verify_credentials (bearer token: token lookup, account, serializer)
 * and GET /api/v2/instance (no token). `concurrency` clients on keep-alive connections send
 * requests back to back for `seconds` per endpoint, after a one-second warm-up. The load
 * generator runs on the same machine, in one Node process, so the figures are a floor.
 *
 * Usage: node bench/http.ts [seconds=10] [concurrency=16]
 */
import { Agent, request } from 'node:http';
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { createWoolly } from '../src/app.ts';
import { createLogger } from '../src/core/logger.ts';
import { createLocalAccount } from '../src/domain/accounts/create-local-account.ts';
import { createApplication } from '../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import { benchSecret, startWoollyProcess } from './woolly-process.ts';

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 16);

/** A confirmed user with a `read` token, made through the domain services before the server starts. */
async function prepareToken(db: TestDatabase): Promise<string> {
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, SECRET_KEY_BASE: benchSecret }),
    db.dataDir,
  );
  const woolly = await createWoolly(config, { log: createLogger({ level: 'error' }) });
  try {
    const { account } = await createLocalAccount(woolly.deps, {
      username: 'bench',
      email: 'bench@example.com',
      password: 'bench password',
      confirmed: true,
      approved: true,
    });
    const { application } = await createApplication(woolly.deps, {
      name: 'bench',
      website: null,
      redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
      scopes: ['read'],
    });
    const token = await issueAccessToken(woolly.deps, {
      applicationId: application.id,
      accountId: account.id,
      scopes: ['read'],
    });
    return token.accessToken;
  } finally {
    await woolly.close();
  }
}

interface Result {
  requests: number;
  errors: number;
  latencies: number[];
  elapsedMs: number;
}

/** `concurrency` loops sending GET `path` until `durationMs` has passed. */
async function load(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  durationMs: number,
): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(path, baseUrl);
  const latencies: number[] = [];
  let errors = 0;
  const once = () =>
    new Promise<number>((resolve) => {
      const req = request(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end();
    });
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await once();
        latencies.push(performance.now() - t0);
        if (status !== 200) errors += 1;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { requests: latencies.length, errors, latencies, elapsedMs };
}

console.log(
  `HTTP: ${concurrency} concurrent keep-alive clients, ${seconds} s per endpoint (after 1 s warm-up)`,
);
for (const kind of databaseKinds) {
  const db = await createTestDatabase(kind);
  try {
    const token = await prepareToken(db);
    const woolly = await startWoollyProcess(db);
    try {
      const endpoints: [string, Record<string, string>][] = [
        ['/api/v1/accounts/verify_credentials', { authorization: `Bearer ${token}` }],
        ['/api/v2/instance', {}],
      ];
      for (const [path, headers] of endpoints) {
        await load(woolly.baseUrl, path, headers, 1000);
        const r = await load(woolly.baseUrl, path, headers, seconds * 1000);
        const sorted = r.latencies.sort((a, b) => a - b);
        console.log(
          `${kind.padEnd(9)} ${path.padEnd(38)} ${fixed((r.requests / r.elapsedMs) * 1000).padStart(6)} req/s` +
            `   p50 ${fixed(percentile(sorted, 50), 1).padStart(6)} ms   p99 ${fixed(percentile(sorted, 99), 1).padStart(6)} ms` +
            (r.errors ? `   ${r.errors} non-200 answers` : ''),
        );
      }
      console.log(`${kind.padEnd(9)} RSS after the load: ${fixed(woolly.rssMiB(), 1)} MiB`);
    } finally {
      await woolly.stop();
    }
  } finally {
    await db.drop();
  }
}
