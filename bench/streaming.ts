/**
 * Streaming at scale against a real `woolly start` (SQLite): how much memory idle WebSocket
 * connections cost the server process (its RSS with N connections subscribed to the public
 * stream, against the RSS before), and the delivery latency from sending
 * `POST /api/v1/statuses` to each client receiving the `update` frame, p50 and p99 over every
 * (client, post) pair, with M clients. The clients live in this process, the server in its
 * own, so the client's work does not count as the server's; but both share the machine's
 * cores, so on a busy machine the latencies are a ceiling. The server's CPU time per post
 * (from /proc, user + system) is printed beside them: it does not grow with other load.
 * Targets: 10,000 idle connections under 500 MB; p99 under 100 ms with 5,000 clients.
 *
 * Usage: node bench/streaming.ts [idle=2000,10000] [clients=1000,5000] [posts=20]
 */
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { createWoolly } from '../src/app.ts';
import { createLogger } from '../src/core/logger.ts';
import { createLocalAccount } from '../src/domain/accounts/create-local-account.ts';
import { createApplication } from '../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { loadavg } from 'node:os';
import { WebSocket } from 'ws';
import { createTestDatabase } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import {
  benchSecret,
  cpuSeconds,
  startWoollyProcess,
  type WoollyProcess,
} from './woolly-process.ts';

const list = (arg: string | undefined, fallback: number[]) =>
  arg ? arg.split(',').map(Number) : fallback;
const idleCounts = list(process.argv[2], [2000, 10000]);
const clientCounts = list(process.argv[3], [1000, 5000]);
const posts = Number(process.argv[4] ?? 20);

interface Tokens {
  reader: string;
  poster: string;
}

async function seed(dbUrl: string, dataDir: string): Promise<Tokens> {
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: dbUrl, DATA_DIR: dataDir, SECRET_KEY_BASE: benchSecret }),
    dataDir,
  );
  const woolly = await createWoolly(config, { log: createLogger({ level: 'error' }) });
  try {
    const { application } = await createApplication(woolly.deps, {
      name: 'bench',
      website: null,
      redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
      scopes: ['read', 'write'],
    });
    const token = async (username: string) => {
      const { account } = await createLocalAccount(woolly.deps, {
        username,
        email: `${username}@example.com`,
        password: 'bench password',
        confirmed: true,
        approved: true,
      });
      const issued = await issueAccessToken(woolly.deps, {
        applicationId: application.id,
        accountId: account.id,
        scopes: ['read', 'write'],
      });
      return issued.accessToken;
    };
    return { reader: await token('reader'), poster: await token('poster') };
  } finally {
    await woolly.close();
  }
}

/**
 * Opens `n` sockets on the public stream, 200 at a time; `onFrame` sees each frame's bytes.
 * The clients share the machine with the server, so they do as little as a client can: no
 * UTF-8 check, no decoding, no JSON parsing (the post's number is found in the bytes).
 */
async function connect(
  woolly: WoollyProcess,
  token: string,
  n: number,
  onFrame: (data: Buffer, at: number) => void = () => {},
): Promise<WebSocket[]> {
  const url = `${woolly.baseUrl.replace('http', 'ws')}/api/v1/streaming?stream=public`;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += 200) {
    const batch = Array.from({ length: Math.min(200, n - i) }, () => {
      const ws = new WebSocket(url, token, { perMessageDeflate: false, skipUTF8Validation: true });
      ws.on('message', (data: Buffer) => onFrame(data, performance.now()));
      return new Promise<WebSocket>((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.terminate();
        }),
    ),
  );
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postStatus(woolly: WoollyProcess, token: string, text: string): Promise<void> {
  const res = await fetch(`${woolly.baseUrl}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: text }),
  });
  if (res.status !== 200) throw new Error(`POST /api/v1/statuses: ${res.status}`);
  await res.arrayBuffer();
}

const marker = Buffer.from('bench post ');

/** The number in `bench post <n>` in a frame, or null when it is not a bench post's. */
function postNumber(frame: Buffer): number | null {
  let at = frame.indexOf(marker);
  if (at < 0) return null;
  at += marker.length;
  let n = 0;
  let digits = 0;
  for (; at < frame.length && frame[at]! >= 0x30 && frame[at]! <= 0x39; at++, digits++) {
    n = n * 10 + frame[at]! - 0x30;
  }
  return digits > 0 ? n : null;
}

/** CPU time (user + system) the process `pid` has used, in ms. */
const cpuMs = (pid: number): number => cpuSeconds(pid) * 1000;

const db = await createTestDatabase('sqlite');
try {
  const tokens = await seed(db.url, db.dataDir);
  const woolly = await startWoollyProcess(db);
  try {
    console.log('Idle WebSocket connections on the public stream (server RSS)');
    for (const n of idleCounts) {
      await settle(1000);
      const before = woolly.rssMiB();
      const t0 = performance.now();
      const sockets = await connect(woolly, tokens.reader, n);
      const openMs = performance.now() - t0;
      await settle(3000);
      const after = woolly.rssMiB();
      console.log(
        `${String(n).padStart(6)} connections  ${fixed(after, 1).padStart(7)} MiB ` +
          `(${fixed(before, 1)} MiB before, ${fixed(((after - before) * 1024) / n, 1)} KiB each; ` +
          `opened in ${fixed(openMs / 1000, 1)} s; load average ${fixed(loadavg()[0]!, 2)})`,
      );
      await closeAll(sockets);
    }

    console.log(`\nDelivery latency, POST /api/v1/statuses to the frame (${posts} posts)`);
    for (const m of clientCounts) {
      const sentAt: number[] = [];
      const latencies: number[] = [];
      const answered: number[] = [];
      let received = 0;
      const sockets = await connect(woolly, tokens.reader, m, (data, at) => {
        // Each post says its number: no need to parse the whole entity.
        const n = postNumber(data);
        const t = n === null ? undefined : sentAt[n];
        if (t !== undefined) {
          latencies.push(at - t);
          received += 1;
        }
      });
      // One untimed post first: the server loads what a post needs (Fedify, for one) on the
      // first, which held up every frame of that post and alone made the p99 of 20 posts.
      let warmed = 0;
      const warming = new Promise<void>((resolve) => {
        for (const ws of sockets) {
          ws.once('message', () => {
            warmed += 1;
            if (warmed === sockets.length) resolve();
          });
        }
      });
      await postStatus(woolly, tokens.poster, 'warming up');
      await warming;
      await settle(1000);
      const cpuBefore = cpuMs(woolly.pid);
      const clientCpuBefore = process.cpuUsage();
      for (let i = 0; i < posts; i++) {
        sentAt[i] = performance.now();
        await postStatus(woolly, tokens.poster, `bench post ${i}`);
        answered.push(performance.now() - sentAt[i]!);
        await settle(200);
      }
      await settle(2000);
      const serverCpuPerPost = (cpuMs(woolly.pid) - cpuBefore) / posts;
      const clientCpu = process.cpuUsage(clientCpuBefore);
      const clientCpuPerPost = (clientCpu.user + clientCpu.system) / 1000 / posts;
      latencies.sort((a, b) => a - b);
      console.log(
        `${String(m).padStart(6)} clients  first ${fixed(latencies[0] ?? NaN, 1).padStart(6)} ms  p50 ${fixed(percentile(latencies, 50), 1).padStart(6)} ms  ` +
          `p99 ${fixed(percentile(latencies, 99), 1).padStart(6)} ms  ` +
          `(${received} of ${m * posts} frames timed; POST answered in ${fixed(
            percentile(
              answered.sort((a, b) => a - b),
              50,
            ),
            1,
          )} ms)\n${' '.repeat(16)}CPU per post: server ${fixed(serverCpuPerPost, 0)} ms ` +
          `(${fixed((serverCpuPerPost * 1000) / m, 1)} µs per client), the clients (this process) ` +
          `${fixed(clientCpuPerPost, 0)} ms; load average ${loadavg()
            .map((l) => fixed(l, 2))
            .join(' ')}`,
      );
      await closeAll(sockets);
    }
  } finally {
    await woolly.stop();
  }
} finally {
  await db.drop();
}
