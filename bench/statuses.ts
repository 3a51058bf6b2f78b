/**
 * Posting and reading posts on a populated instance: a database seeded with `accounts`
 * accounts and `statuses` posts (batched INSERTs through the repositories, in transactions),
 * then a real `woolly start` on it, and one client sending requests back to back:
 * POST /api/v1/statuses (plain posts, posts with a mention and a hashtag, replies to seeded
 * posts, posts with a poll), then GET /api/v1/statuses/:id of seeded posts with a token and
 * without. Prints the seeding time and p50 / p99 of each. Target: create p99 under 30 ms.
 *
 * Usage: node bench/statuses.ts [accounts=10000] [statuses=1000000] [requests=2000] [sqlite|postgres]
 */
import { Agent, request } from 'node:http';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { createWoolly, type Woolly } from '../src/app.ts';
import { createLogger } from '../src/core/logger.ts';
import { IdGenerator } from '../src/core/ids.ts';
import type { AccountRecord } from '../src/db/repositories/accounts.ts';
import { insertStatuses, type StatusRecord } from '../src/db/repositories/statuses.ts';
import { createLocalAccount } from '../src/domain/accounts/create-local-account.ts';
import { seedAccounts } from './seed.ts';
import { createApplication } from '../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import { benchSecret, startWoollyProcess } from './woolly-process.ts';

const accountCount = Number(process.argv[2] ?? 10_000);
const statusCount = Number(process.argv[3] ?? 1_000_000);
const requests = Number(process.argv[4] ?? 2000);
const kind = (process.argv[5] ?? 'sqlite') as DatabaseKind;
const posters = 20;
const statusesPerTransaction = 20_000;

const random = (n: number) => Math.floor(Math.random() * n);

interface Poster {
  username: string;
  token: string;
}

/** Accounts that post through the API: real users with tokens. */
async function makePosters(woolly: Woolly): Promise<Poster[]> {
  const { application } = await createApplication(woolly.deps, {
    name: 'bench',
    website: null,
    redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
    scopes: ['read', 'write'],
  });
  const made: Poster[] = [];
  for (let i = 0; i < posters; i++) {
    const username = `poster${i}`;
    const { account } = await createLocalAccount(woolly.deps, {
      username,
      email: `${username}@example.com`,
      password: 'bench password',
      confirmed: true,
      approved: true,
    });
    const token = await issueAccessToken(woolly.deps, {
      applicationId: application.id,
      accountId: account.id,
      scopes: ['read', 'write'],
    });
    made.push({ username, token: token.accessToken });
  }
  return made;
}

/**
 * `count` posts over the past year, oldest first, by random accounts; one in ten replies to
 * an earlier post. Returns a sample of public ids to read back.
 */
async function seedStatuses(woolly: Woolly, authors: AccountRecord[], count: number) {
  const year = 365 * 86_400_000;
  let at = Date.now() - year;
  const step = year / count;
  const ids = new IdGenerator(62, () => Math.floor(at));
  const sample: string[] = [];
  const recent: string[] = [];
  for (let done = 0; done < count;) {
    const batch: StatusRecord[] = [];
    const size = Math.min(statusesPerTransaction, count - done);
    for (let i = 0; i < size; i++, done++) {
      at += step;
      const id = ids.next();
      const author = authors[random(authors.length)]!;
      const reply = recent.length > 0 && done % 10 === 0 ? recent[random(recent.length)]! : null;
      const text = `Seeded post number ${done} about #topic${done % 100}, with a few more words`;
      batch.push({
        id,
        accountId: author.id,
        uri: `${author.uri}/statuses/${id}`,
        url: `${author.url}/${id}`,
        local: true,
        localOnly: false,
        visibility: done % 20 === 0 ? 'private' : 'public',
        text,
        contentType: 'text/plain',
        content: `<p>${text}</p>`,
        spoilerText: '',
        sensitive: false,
        language: 'en',
        inReplyToId: reply,
        inReplyToAccountId: reply ? author.id : null,
        reblogOfId: null,
        quoteOfId: null,
        quoteState: null,
        quoteApprovalPolicy: 'public',
        conversationId: null,
        applicationId: null,
        pollId: null,
        repliesCount: 0,
        reblogsCount: 0,
        favouritesCount: 0,
        quotesCount: 0,
        editedAt: null,
        deletedAt: null,
        createdAt: Math.floor(at),
        updatedAt: Math.floor(at),
      });
      if (done % 20 !== 0) {
        recent.push(id);
        if (recent.length > 1000) recent.shift();
        if (sample.length < 10_000 && random(count) < 20_000) sample.push(id);
      }
    }
    await woolly.deps.db.transaction((tx) => insertStatuses(tx, batch));
  }
  return sample;
}

interface Timing {
  latencies: number[];
  errors: number;
}

function report(name: string, t: Timing): void {
  const sorted = t.latencies.sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(
    `${kind.padEnd(9)} ${name.padEnd(44)} p50 ${fixed(percentile(sorted, 50), 2).padStart(6)} ms` +
      `   p99 ${fixed(percentile(sorted, 99), 2).padStart(6)} ms   mean ${fixed(mean, 2).padStart(6)} ms` +
      `   (${sorted.length} requests${t.errors ? `, ${t.errors} failed` : ''})`,
  );
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload) headers['content-type'] = 'application/json';
    const req = request(new URL(path, baseUrl), { agent, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(payload);
  });
}

async function timed(n: number, one: (i: number) => Promise<number>): Promise<Timing> {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const status = await one(i);
    latencies.push(performance.now() - t0);
    if (status !== 200) errors += 1;
  }
  return { latencies, errors };
}

const db = await createTestDatabase(kind);
try {
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, SECRET_KEY_BASE: benchSecret }),
    db.dataDir,
  );
  const seeding = await createWoolly(config, { log: createLogger({ level: 'error' }) });
  let poster: Poster[];
  let sample: string[];
  const t0 = performance.now();
  try {
    poster = await makePosters(seeding);
    const t1 = performance.now();
    const accounts = await seedAccounts(seeding, accountCount - posters);
    const t2 = performance.now();
    sample = await seedStatuses(seeding, accounts, statusCount);
    const t3 = performance.now();
    console.log(
      `${kind.padEnd(9)} seeded ${accountCount} accounts (${posters} with keys and tokens: ${fixed((t1 - t0) / 1000, 1)} s;` +
        ` the rest: ${fixed((t2 - t1) / 1000, 1)} s) and ${statusCount} statuses in ${fixed((t3 - t2) / 1000, 1)} s` +
        ` (${fixed(statusCount / ((t3 - t2) / 1000))} rows/s); total ${fixed((t3 - t0) / 1000, 1)} s`,
    );
    if (kind === 'sqlite') {
      const bytes = statSync(join(db.dataDir, 'woolly.sqlite')).size;
      console.log(`${kind.padEnd(9)} database file: ${fixed(bytes / 2 ** 20)} MiB`);
    }
  } finally {
    await seeding.close();
  }

  const woolly = await startWoollyProcess(db);
  try {
    const base = woolly.baseUrl;
    const bodies = [
      (i: number) => ({ status: `Benchmark post ${i}` }),
      (i: number) => ({ status: `Hello @${poster[i % posters]!.username}, about #bench ${i}` }),
      (i: number) => ({ status: `A reply ${i}`, in_reply_to_id: sample[i % sample.length] }),
      (i: number) => ({
        status: `Poll ${i}`,
        poll: { options: ['yes', 'no'], expires_in: 86_400 },
      }),
    ];
    const create = (i: number) =>
      send(
        base,
        'POST',
        '/api/v1/statuses',
        poster[i % posters]!.token,
        bodies[i % bodies.length]!(i),
      ).then((r) => r.status);
    await timed(200, create);
    report('POST /api/v1/statuses', await timed(requests, create));
    const show = (token: string | null) => () =>
      send(base, 'GET', `/api/v1/statuses/${sample[random(sample.length)]}`, token).then(
        (r) => r.status,
      );
    await timed(200, show(poster[0]!.token));
    report('GET /api/v1/statuses/:id (signed in)', await timed(requests, show(poster[0]!.token)));
    report('GET /api/v1/statuses/:id (anonymous)', await timed(requests, show(null)));
    const context = (i: number) =>
      send(
        base,
        'GET',
        `/api/v1/statuses/${sample[i % sample.length]}/context`,
        poster[1]!.token,
      ).then((r) => r.status);
    report(
      'GET /api/v1/statuses/:id/context (signed in)',
      await timed(Math.min(requests, 500), context),
    );
    console.log(`${kind.padEnd(9)} RSS after the load: ${fixed(woolly.rssMiB(), 1)} MiB`);
  } finally {
    agent.destroy();
    await woolly.stop();
  }
} finally {
  await db.drop();
}
