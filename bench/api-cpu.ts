/**
 * The CPU time of one Mastodon API call, in process (no sockets, no load generator sharing the
 * cores: only what the server does), with Fedify loaded as it is on any instance that federates
 * (every request then meets its middleware first) or, with `cold`, never loaded. Requests go
 * one after another on a fresh SQLite database holding one user and 20 public posts.
 *
 * Usage: node bench/api-cpu.ts [requests=5000] [cold]
 */
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { createWoolly } from '../src/app.ts';
import { createLogger } from '../src/core/logger.ts';
import { makeUserWithToken } from '../test/helpers/factories.ts';
import { createTestDatabase } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import { benchSecret } from './woolly-process.ts';

const requests = Number(process.argv[2] ?? 5000);
const cold = process.argv[3] === 'cold';

const db = await createTestDatabase('sqlite');
const config = buildConfig(
  parseEnvVars({
    DATABASE_URL: db.url,
    DATA_DIR: db.dataDir,
    SECRET_KEY_BASE: benchSecret,
    RATE_LIMITS: 'false',
  }),
  db.dataDir,
);
const woolly = await createWoolly(config, { log: createLogger({ level: 'error' }) });
try {
  const { token } = await makeUserWithToken(woolly.deps, { account: { username: 'bench' } });
  const base = config.baseUrl;
  const send = (path: string, init: RequestInit = {}) =>
    woolly.http.request(`${base}${path}`, init);
  for (let i = 0; i < 20; i++) {
    const posted = await send('/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: `post ${i}` }),
    });
    if (posted.status !== 200) throw new Error(`could not post: ${posted.status}`);
  }
  if (!cold) await woolly.loadFederation();

  const endpoints: [string, Record<string, string>][] = [
    ['/api/v2/instance', { accept: 'application/json' }],
    ['/api/v1/timelines/public', { accept: 'application/json' }],
    ['/api/v1/accounts/verify_credentials', { authorization: `Bearer ${token}` }],
  ];
  console.log(`${requests} requests each, Fedify ${cold ? 'not loaded' : 'loaded'}`);
  for (const [path, headers] of endpoints) {
    const once = async () => {
      const res = await send(path, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    for (let i = 0; i < 1000; i++) await once();
    const wall: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      await once();
      wall.push(performance.now() - t0);
    }
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    wall.sort((a, b) => a - b);
    console.log(
      `${path.padEnd(38)} CPU ${fixed((used.user + used.system) / requests, 1).padStart(6)} us/request` +
        `   wall p50 ${fixed(percentile(wall, 50) * 1000, 0).padStart(5)} us` +
        `   p99 ${fixed(percentile(wall, 99) * 1000, 0).padStart(5)} us` +
        `   ${fixed((requests / elapsed) * 1000).padStart(6)} req/s`,
    );
  }
} finally {
  await woolly.close();
  await db.drop();
}
