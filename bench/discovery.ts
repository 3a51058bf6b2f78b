/**
 * Discovery on a populated instance, in process: how long the `trends.refresh` job takes,
 * and p50 / p99 of GET /api/v1/trends/tags, /trends/statuses, /trends/links, /api/v2/suggestions,
 * /api/v1/directory and /api/v1/timelines/link.
 *
 * Seeding (through the repositories, in batched transactions; time printed): `accounts`
 * accounts of another server, a third of them discoverable, plus 50 local users; `statuses`
 * public posts spread over the last 7 days, 30% with one of 500 hashtags (a few common, most
 * rare), 5% sharing one of 300 links, with random boosts and favourites; the reader follows
 * 500 accounts, each of which follows 50.
 *
 * Usage: node bench/discovery.ts [statuses=200000] [requests=200] [sqlite|postgres|both] [accounts=10000]
 */
import { createWoolly, type Woolly } from '../src/app.ts';
import { insertAccount, type AccountRecord } from '../src/db/repositories/accounts.ts';
import { insertFollow } from '../src/db/repositories/follows.ts';
import { linkCardToStatus, upsertCard } from '../src/db/repositories/preview-cards.ts';
import { insertStatuses, type StatusRecord } from '../src/db/repositories/statuses.ts';
import { insertMissingTags, replaceStatusTags } from '../src/db/repositories/tags.ts';
import { localAccountRecord } from '../src/domain/accounts/local-account-record.ts';
import { refreshTrends } from '../src/domain/trends/refresh.ts';
import { memoryLogger } from '../src/core/logger.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { makeUserWithToken } from '../test/helpers/factories.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { fixed, median, percentile } from './stats.ts';

const statusCount = Number(process.argv[2] ?? 200_000);
const requests = Number(process.argv[3] ?? 200);
const which = process.argv[4] ?? 'both';
const accountCount = Number(process.argv[5] ?? 10_000);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];

const dayMs = 86_400_000;
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
/** 0..n-1, small numbers far more often (Zipf-like). */
const skewed = (n: number) =>
  Math.min(n - 1, Math.floor(n ** random()) - 1 + (random() < 0.5 ? 0 : 0));

async function batches<T>(
  woolly: Woolly,
  rows: readonly T[],
  write: (tx: Woolly['deps']['db'], row: T[]) => Promise<void>,
) {
  for (let i = 0; i < rows.length; i += 2000) {
    await woolly.deps.db.transaction((tx) =>
      write(tx as Woolly['deps']['db'], rows.slice(i, i + 2000)),
    );
  }
}

async function seedInstance(woolly: Woolly) {
  const now = Date.now();
  const accounts: AccountRecord[] = Array.from({ length: accountCount }, (_, i) => ({
    ...localAccountRecord({
      id: woolly.deps.ids.next(),
      username: `far${i}`,
      baseUrl: 'https://far.example',
      now,
    }),
    domain: 'far.example',
    discoverable: i % 3 === 0,
    lastStatusAt: now - Math.floor(random() * 7 * dayMs),
  }));
  await batches(woolly, accounts, async (tx, rows) => {
    for (const a of rows) await insertAccount(tx, a);
  });
  const reader = await makeUserWithToken(woolly.deps);
  for (let i = 0; i < 49; i++) await makeUserWithToken(woolly.deps);

  const follows: { accountId: string; targetAccountId: string }[] = [];
  const followed = accounts.slice(0, 500);
  for (const a of followed) follows.push({ accountId: reader.account.id, targetAccountId: a.id });
  for (const a of followed) {
    for (let j = 0; j < 50; j++) {
      const target = accounts[500 + Math.floor(random() * (accounts.length - 500))]!;
      follows.push({ accountId: a.id, targetAccountId: target.id });
    }
  }
  await batches(woolly, follows, async (tx, rows) => {
    for (const f of rows) {
      await insertFollow(tx, 'follows', {
        id: woolly.deps.ids.next(),
        ...f,
        showReblogs: true,
        notify: false,
        languages: null,
        uri: null,
        createdAt: now,
      });
    }
  });

  const tags = Array.from({ length: 500 }, (_, i) => ({
    id: woolly.deps.ids.next(),
    name: `topic${i}`,
  }));
  await insertMissingTags(woolly.deps.db, tags, now);
  const cards = [];
  for (let i = 0; i < 300; i++) {
    cards.push(
      await upsertCard(woolly.deps.db, {
        id: woolly.deps.ids.next(),
        url: `https://news.example/story/${i}`,
        title: `Story ${i}`,
        description: '',
        type: 'link',
        language: 'en',
        authorName: '',
        authorUrl: '',
        providerName: 'News',
        providerUrl: '',
        html: '',
        width: 0,
        height: 0,
        imageRemoteUrl: null,
        imageDescription: '',
        embedUrl: '',
        blurhash: null,
        publishedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  const statuses: StatusRecord[] = [];
  const tagOf = new Map<string, string>();
  const cardOf = new Map<string, string>();
  for (let i = 0; i < statusCount; i++) {
    const createdAt = now - Math.floor(((statusCount - i) / statusCount) * 7 * dayMs);
    const id = ((BigInt(createdAt) << 16n) | BigInt(i % 65_536)).toString();
    const author = accounts[Math.floor(random() * accounts.length)]!;
    statuses.push({
      id,
      accountId: author.id,
      uri: `https://far.example/statuses/${id}`,
      url: null,
      local: false,
      localOnly: false,
      visibility: 'public',
      text: '',
      contentType: 'text/html',
      content: '<p>seeded</p>',
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
      reblogsCount: random() < 0.05 ? Math.floor(random() * 20) : 0,
      favouritesCount: random() < 0.1 ? Math.floor(random() * 30) : 0,
      quotesCount: 0,
      editedAt: null,
      deletedAt: null,
      createdAt,
      updatedAt: createdAt,
    });
    if (random() < 0.3) tagOf.set(id, tags[skewed(tags.length)]!.id);
    if (random() < 0.05) cardOf.set(id, cards[skewed(cards.length)]!.id);
  }
  await batches(woolly, statuses, async (tx, rows) => {
    await insertStatuses(tx, rows);
    for (const s of rows) {
      const tag = tagOf.get(s.id);
      if (tag) await replaceStatusTags(tx, s.id, [tag]);
      const card = cardOf.get(s.id);
      if (card) await linkCardToStatus(tx, s.id, card, `https://news.example/story/${card}`);
    }
  });
  return { reader, topCard: cards[0]!.url };
}

async function time(woolly: Woolly, token: string, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests + 10; i++) {
    const start = performance.now();
    const res = await woolly.http.request(`https://woolly.test${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= 10) times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

for (const kind of kinds) {
  const db = await createTestDatabase(kind);
  const woolly = await createWoolly(testConfig(db, { LOG_LEVEL: 'warn' }), {
    log: memoryLogger('warn'),
  });
  try {
    const started = performance.now();
    const { reader, topCard } = await seedInstance(woolly);
    console.log(
      `${kind}: seeded ${accountCount} accounts, ${statusCount} posts in ${fixed((performance.now() - started) / 1000, 1)} s`,
    );
    const refreshes: number[] = [];
    let counts = { tags: 0, links: 0, statuses: 0 };
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      counts = await refreshTrends(woolly.deps);
      refreshes.push(performance.now() - t0);
    }
    console.log(
      `${kind}: trends.refresh median ${fixed(median(refreshes))} ms (${counts.tags} tags, ${counts.links} links, ${counts.statuses} posts ranked)`,
    );
    const paths: [string, string][] = [
      ['trends/tags', '/api/v1/trends/tags'],
      ['trends/statuses', '/api/v1/trends/statuses'],
      ['trends/links', '/api/v1/trends/links'],
      ['v2/suggestions', '/api/v2/suggestions'],
      ['directory active', '/api/v1/directory'],
      ['directory new, local', '/api/v1/directory?order=new&local=true'],
      ['timelines/link', `/api/v1/timelines/link?url=${encodeURIComponent(topCard)}`],
    ];
    for (const [name, path] of paths) {
      const t = await time(woolly, reader.token, path);
      console.log(
        `${kind}: ${name.padEnd(22)} p50 ${fixed(percentile(t, 50), 1)} ms  p99 ${fixed(percentile(t, 99), 1)} ms`,
      );
    }
  } finally {
    await woolly.close();
    await db.drop();
  }
}
