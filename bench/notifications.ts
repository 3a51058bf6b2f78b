/**
 * Reading notifications on a busy account: one user with `notifications` notifications
 * (default 10,000: favourites and boosts of its posts, follows, mentions and posts of people
 * it follows, from 1,000 accounts over the past month), seeded through the repositories in
 * one transaction, then a real `woolly start` on the database and one client sending requests
 * back to back. Prints p50 / p99 of GET /api/v1/notifications (first page, a page deep down,
 * mentions only), GET /api/v2/notifications and the unread counts.
 * Target: GET /api/v1/notifications p99 under 20 ms on the embedded default (SQLite).
 *
 * Usage: node bench/notifications.ts [notifications=10000] [requests=1000] [sqlite|postgres]
 */
import { Agent, request } from 'node:http';
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import { createWoolly, type Woolly } from '../src/app.ts';
import { createLogger } from '../src/core/logger.ts';
import { IdGenerator } from '../src/core/ids.ts';
import { insertAccount, type AccountRecord } from '../src/db/repositories/accounts.ts';
import { insertMentions } from '../src/db/repositories/mentions.ts';
import {
  insertNotification,
  type NotificationRecord,
} from '../src/db/repositories/notifications.ts';
import { insertStatuses, type StatusRecord } from '../src/db/repositories/statuses.ts';
import { createLocalAccount } from '../src/domain/accounts/create-local-account.ts';
import { localAccountRecord } from '../src/domain/accounts/local-account-record.ts';
import { createApplication } from '../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import { benchSecret, startWoollyProcess } from './woolly-process.ts';

const notificationCount = Number(process.argv[2] ?? 10_000);
const requests = Number(process.argv[3] ?? 1000);
const kind = (process.argv[4] ?? 'sqlite') as DatabaseKind;
const senderCount = 1000;
const month = 30 * 86_400_000;
const hour = 3_600_000;

const random = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function account(woolly: Woolly, username: string, now: number): AccountRecord {
  return localAccountRecord({
    id: woolly.deps.ids.next(),
    username,
    baseUrl: woolly.config.baseUrl,
    now,
    displayName: username,
  });
}

function status(author: AccountRecord, id: string, at: number, text: string): StatusRecord {
  return {
    id,
    accountId: author.id,
    uri: `${author.uri}/statuses/${id}`,
    url: `${author.url}/${id}`,
    local: true,
    localOnly: false,
    visibility: 'public',
    text,
    contentType: 'text/plain',
    content: `<p>${text}</p>`,
    spoilerText: '',
    sensitive: false,
    language: 'en',
    inReplyToId: null,
    inReplyToAccountId: null,
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
    createdAt: at,
    updatedAt: at,
  };
}

/** The reader, its token, 1,000 other accounts, posts, and the notifications. */
async function seed(woolly: Woolly): Promise<{ token: string; ids: string[] }> {
  const now = Date.now();
  const { account: reader } = await createLocalAccount(woolly.deps, {
    username: 'reader',
    email: 'reader@example.com',
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
    accountId: reader.id,
    scopes: ['read'],
  });
  const senders = Array.from({ length: senderCount }, (_, i) => account(woolly, `fan${i}`, now));
  let at = now - month;
  const ids = new IdGenerator(61, () => Math.floor(at));
  const own = Array.from({ length: 300 }, (_, i) => status(reader, ids.next(), at, `My post ${i}`));
  const theirs = Array.from({ length: 3000 }, (_, i) =>
    status(random(senders), ids.next(), at, `@reader number ${i}`),
  );
  const made: string[] = [];
  await woolly.deps.db.transaction(async (tx) => {
    for (const a of senders) await insertAccount(tx, a);
    await insertStatuses(tx, own);
    await insertStatuses(tx, theirs);
    await insertMentions(
      tx,
      theirs.map((s) => ({
        id: woolly.deps.ids.next(),
        statusId: s.id,
        accountId: reader.id,
        silent: false,
        createdAt: s.createdAt,
      })),
    );
    const step = month / notificationCount;
    while (made.length < notificationCount) {
      at += step * Math.random() * 2;
      const from = random(senders);
      const roll = Math.random();
      const bucket = Math.floor(at / hour);
      const [type, post, groupKey] =
        roll < 0.4
          ? (['favourite', random(own).id, 'favourite'] as const)
          : roll < 0.6
            ? (['reblog', random(own).id, 'reblog'] as const)
            : roll < 0.75
              ? (['follow', null, 'follow'] as const)
              : roll < 0.9
                ? (['mention', random(theirs).id, null] as const)
                : (['status', random(theirs).id, null] as const);
      const n: NotificationRecord = {
        id: ids.next(),
        accountId: reader.id,
        fromAccountId: from.id,
        type,
        statusId: post,
        reportId: null,
        groupKey: groupKey === null ? null : `${groupKey}${post ? `-${post}` : ''}-${bucket}`,
        filtered: false,
        createdAt: Math.floor(at),
      };
      if (await insertNotification(tx, n)) made.push(n.id);
    }
  });
  return { token: token.accessToken, ids: made };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(baseUrl: string, path: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      new URL(path, baseUrl),
      { agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function measure(name: string, n: number, one: () => Promise<number>): Promise<void> {
  for (let i = 0; i < Math.min(100, n); i++) await one();
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    if ((await one()) !== 200) errors += 1;
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `${kind.padEnd(9)} ${name.padEnd(46)} p50 ${fixed(percentile(latencies, 50), 2).padStart(6)} ms` +
      `   p99 ${fixed(percentile(latencies, 99), 2).padStart(6)} ms` +
      `   (${n} requests${errors ? `, ${errors} failed` : ''})`,
  );
}

const db = await createTestDatabase(kind);
try {
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, SECRET_KEY_BASE: benchSecret }),
    db.dataDir,
  );
  const seeding = await createWoolly(config, { log: createLogger({ level: 'error' }) });
  let token: string;
  let ids: string[];
  try {
    const t0 = performance.now();
    ({ token, ids } = await seed(seeding));
    // PostgreSQL plans from table statistics, which autovacuum gathers soon after a bulk
    // load; without them it takes a freshly filled table for an empty one.
    if (kind === 'postgres') await seeding.deps.db.exec('ANALYZE');
    console.log(
      `${kind.padEnd(9)} seeded ${ids.length} notifications from ${senderCount} accounts in ${fixed((performance.now() - t0) / 1000, 1)} s`,
    );
  } finally {
    await seeding.close();
  }
  const woolly = await startWoollyProcess(db);
  try {
    const base = woolly.baseUrl;
    const deep = () => ids[Math.floor(Math.random() * ids.length)]!;
    await measure('GET /api/v1/notifications', requests, () =>
      get(base, '/api/v1/notifications', token),
    );
    await measure('GET /api/v1/notifications?max_id=(anywhere)', requests, () =>
      get(base, `/api/v1/notifications?max_id=${deep()}`, token),
    );
    await measure('GET /api/v1/notifications?types[]=mention', requests, () =>
      get(base, '/api/v1/notifications?types[]=mention', token),
    );
    await measure('GET /api/v1/notifications/unread_count', requests, () =>
      get(base, '/api/v1/notifications/unread_count', token),
    );
    await measure('GET /api/v2/notifications', requests, () =>
      get(base, '/api/v2/notifications', token),
    );
    await measure('GET /api/v2/notifications/unread_count', requests, () =>
      get(base, '/api/v2/notifications/unread_count', token),
    );
    console.log(`${kind.padEnd(9)} RSS after the load: ${fixed(woolly.rssMiB(), 1)} MiB`);
  } finally {
    agent.destroy();
    await woolly.stop();
  }
} finally {
  await db.drop();
}
