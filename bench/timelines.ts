/**
 * Timelines at scale: a database seeded with 10,000 local accounts and `statuses` posts
 * (batched INSERTs through the repositories, in transactions; seeding time printed), a reader
 * following 500 of them, and a poster followed by all 10,000. Then a real `woolly start` and
 * one client:
 *
 * - the first GET /api/v1/timelines/home, which builds the reader's feed;
 * - p50 / p99 of GET /api/v1/timelines/home, first page and pages further down;
 * - fan-out: a post by the account with 10,000 followers, from sending it to the moment every
 *   follower's feed holds it (read from the database by a second connection).
 *
 * Targets: home p99 under 50 ms; fan-out to 10,000 followers under 1 s.
 *
 * Usage: node bench/timelines.ts [statuses=1000000] [requests=1000] [sqlite|postgres]
 */
import { Agent, request } from 'node:http';
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { createWoolly, type Woolly } from '../src/app.ts';
import { createLogger } from '../src/core/logger.ts';
import { IdGenerator } from '../src/core/ids.ts';
import { openDatabase } from '../src/db/open.ts';
import type { AccountRecord } from '../src/db/repositories/accounts.ts';
import { markHomeFeedBuilt } from '../src/db/repositories/feed-entries.ts';
import { insertFollow } from '../src/db/repositories/follows.ts';
import { insertStatuses, type StatusRecord } from '../src/db/repositories/statuses.ts';
import { createLocalAccount } from '../src/domain/accounts/create-local-account.ts';
import { seedAccounts } from './seed.ts';
import { createApplication } from '../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import { benchSecret, startWoollyProcess } from './woolly-process.ts';

const statusCount = Number(process.argv[2] ?? 1_000_000);
const requests = Number(process.argv[3] ?? 1000);
const kind = (process.argv[4] ?? 'sqlite') as DatabaseKind;
const accountCount = 10_000;
const followed = 500;
const statusesPerTransaction = 20_000;

const random = (n: number) => Math.floor(Math.random() * n);
const label = (text: string) => `${kind.padEnd(9)} ${text}`;

async function user(woolly: Woolly, username: string): Promise<{ id: string; token: string }> {
  const { application } = await createApplication(woolly.deps, {
    name: 'bench',
    website: null,
    redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
    scopes: ['read', 'write'],
  });
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
  return { id: account.id, token: token.accessToken };
}

/** `count` posts over the past year by random accounts; one in ten a reply, one in twenty private. */
async function seedStatuses(woolly: Woolly, authors: AccountRecord[], count: number) {
  const year = 365 * 86_400_000;
  let at = Date.now() - year;
  const step = year / count;
  const ids = new IdGenerator(62, () => Math.floor(at));
  const lastPost = new Map<string, number>();
  const recent: { id: string; accountId: string }[] = [];
  for (let done = 0; done < count;) {
    const batch: StatusRecord[] = [];
    const size = Math.min(statusesPerTransaction, count - done);
    for (let i = 0; i < size; i++, done++) {
      at += step;
      const id = ids.next();
      const author = authors[random(authors.length)]!;
      const parent = recent.length > 0 && done % 10 === 0 ? recent[random(recent.length)]! : null;
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
        inReplyToId: parent?.id ?? null,
        inReplyToAccountId: parent?.accountId ?? null,
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
      lastPost.set(author.id, Math.floor(at));
      recent.push({ id, accountId: author.id });
      if (recent.length > 1000) recent.shift();
    }
    await woolly.deps.db.transaction((tx) => insertStatuses(tx, batch));
  }
  // What posting keeps up (accounts.last_status_at), which feed building reads.
  await woolly.deps.db.transaction(async (tx) => {
    for (const [id, at] of lastPost) {
      await tx.run('UPDATE accounts SET last_status_at = ? WHERE id = ?', [at, id]);
    }
  });
}

async function seedFollows(woolly: Woolly, pairs: [string, string][]): Promise<void> {
  const now = Date.now();
  await woolly.deps.db.transaction(async (tx) => {
    for (const [accountId, targetAccountId] of pairs) {
      await insertFollow(tx, 'follows', {
        id: woolly.deps.ids.next(),
        accountId,
        targetAccountId,
        showReblogs: true,
        notify: false,
        languages: null,
        uri: null,
        createdAt: now,
      });
    }
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
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

async function timed(n: number, one: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    if ((await one(i)) !== 200) errors += 1;
    latencies.push(performance.now() - t0);
  }
  return { latencies, errors };
}

function report(name: string, t: { latencies: number[]; errors: number }): void {
  const sorted = t.latencies.sort((a, b) => a - b);
  console.log(
    label(
      `${name.padEnd(44)} p50 ${fixed(percentile(sorted, 50), 2).padStart(6)} ms` +
        `   p99 ${fixed(percentile(sorted, 99), 2).padStart(6)} ms` +
        `   (${sorted.length} requests${t.errors ? `, ${t.errors} failed` : ''})`,
    ),
  );
}

const db = await createTestDatabase(kind);
try {
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, SECRET_KEY_BASE: benchSecret }),
    db.dataDir,
  );
  const seeding = await createWoolly(config, { log: createLogger({ level: 'error' }) });
  let reader: { id: string; token: string };
  let star: { id: string; token: string };
  try {
    const t0 = performance.now();
    reader = await user(seeding, 'reader');
    star = await user(seeding, 'star');
    const accounts = await seedAccounts(seeding, accountCount);
    const t1 = performance.now();
    await seedStatuses(seeding, accounts, statusCount);
    const t2 = performance.now();
    const chosen = [...accounts].sort(() => Math.random() - 0.5).slice(0, followed);
    await seedFollows(seeding, [
      ...chosen.map((a): [string, string] => [reader.id, a.id]),
      ...accounts.map((a): [string, string] => [a.id, star.id]),
    ]);
    // The followers (and the poster) are active readers: their feeds are built (empty, as they
    // follow only the poster), so fan-out writes to them.
    await seeding.deps.db.transaction(async (tx) => {
      for (const id of [star.id, ...accounts.map((a) => a.id)]) {
        await markHomeFeedBuilt(tx, id, Date.now());
      }
    });
    const t3 = performance.now();
    console.log(
      label(
        `seeded ${accountCount} accounts in ${fixed((t1 - t0) / 1000, 1)} s, ${statusCount} statuses in ` +
          `${fixed((t2 - t1) / 1000, 1)} s (${fixed(statusCount / ((t2 - t1) / 1000))} rows/s), ` +
          `${followed + accountCount} follows in ${fixed((t3 - t2) / 1000, 1)} s`,
      ),
    );
  } finally {
    await seeding.close();
  }

  const woolly = await startWoollyProcess(db);
  const watcher = openDatabase(config);
  try {
    const base = woolly.baseUrl;
    const home = (query = '') => send(base, 'GET', `/api/v1/timelines/home${query}`, reader.token);
    const b0 = performance.now();
    const first = await home('?limit=40');
    console.log(
      label(
        `first GET /api/v1/timelines/home (builds the feed of 500 follows): ${fixed(performance.now() - b0, 1)} ms (${first.status})`,
      ),
    );
    const entries = await watcher.all<{ status_id: string | number }>(
      'SELECT status_id FROM feed_entries WHERE account_id = ? ORDER BY status_id DESC',
      [reader.id],
    );
    console.log(label(`the reader's feed holds ${entries.length} entries`));
    const ids = entries.map((e) => String(e.status_id));
    await timed(100, () => home().then((r) => r.status));
    report(
      'GET /api/v1/timelines/home (first page)',
      await timed(requests, () => home().then((r) => r.status)),
    );
    report(
      'GET /api/v1/timelines/home?max_id= (any page)',
      await timed(requests, () =>
        home(`?max_id=${ids[random(Math.max(1, ids.length - 40))]}`).then((r) => r.status),
      ),
    );

    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const posted = await send(base, 'POST', '/api/v1/statuses', star.token, {
        status: `To all ${accountCount} followers, round ${round}`,
      });
      const sent = performance.now();
      const id = (JSON.parse(posted.body) as { id: string }).id;
      for (;;) {
        const row = await watcher.get<{ n: number | string }>(
          'SELECT COUNT(*) AS n FROM feed_entries WHERE status_id = ?',
          [id],
        );
        if (Number(row?.n) >= accountCount + 1) break;
        if (performance.now() - t0 > 60_000) throw new Error('fan-out did not finish in 60 s');
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const done = performance.now();
      console.log(
        label(
          `fan-out of one post to ${accountCount} followers (+ the author): ${fixed(done - t0, 1)} ms from sending ` +
            `(POST answered in ${fixed(sent - t0, 1)} ms)`,
        ),
      );
    }
    console.log(label(`RSS after the load: ${fixed(woolly.rssMiB(), 1)} MiB`));
  } finally {
    agent.destroy();
    await watcher.close();
    await woolly.stop();
  }
} finally {
  await db.drop();
}
