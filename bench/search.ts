/**
 * Full-text search of posts at scale: 1,000 accounts (half of them indexable) and `statuses`
 * posts (default 100,000) of random words, seeded through the repositories and indexed with
 * `reindexStatuses` (the code `woolly search reindex` runs; its time printed). Then, in
 * process, p50 / p99 of GET /api/v2/search?type=statuses for a signed-in searcher: a common
 * word (in about one post in ten), a rare one (about one in ten thousand), two words, a
 * phrase, and a word no post has.
 *
 * Target: statuses search p99 under 100 ms with 100,000 indexed posts.
 *
 * Usage: node bench/search.ts [statuses=100000] [requests=200] [sqlite|postgres|both]
 */
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
import { reindexStatuses } from '../src/domain/search/reindex.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { fixed, percentile } from './stats.ts';
import { benchSecret } from './woolly-process.ts';

const statusCount = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 200);
const which = process.argv[4] ?? 'both';
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];
const accountCount = 1000;
const perTransaction = 10_000;

// A seeded random generator, so both databases get the same posts.
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

// 10,000 made-up words; word i is drawn with a probability falling with i (Zipf-like), so a
// few words are common and most are rare.
const syllables = ['ka', 'lo', 'mi', 'ru', 'te', 'sa', 'no', 'vi', 'de', 'po', 'zu', 'fe'];
const words = Array.from({ length: 10_000 }, (_, i) => {
  let n = i;
  let word = '';
  do {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  } while (n > 0);
  return `${word}${i % 7 === 0 ? 'x' : ''}`;
});

async function searcher(woolly: Woolly): Promise<string> {
  const { application } = await createApplication(woolly.deps, {
    name: 'bench',
    website: null,
    redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
    scopes: ['read'],
  });
  const { account } = await createLocalAccount(woolly.deps, {
    username: 'searcher',
    email: 'searcher@example.com',
    password: 'bench password',
    confirmed: true,
    approved: true,
  });
  const token = await issueAccessToken(woolly.deps, {
    applicationId: application.id,
    accountId: account.id,
    scopes: ['read'],
  });
  return token.accessToken;
}

async function seedStatuses(woolly: Woolly, authors: AccountRecord[]): Promise<void> {
  const random = generator(42);
  const year = 365 * 86_400_000;
  let at = Date.now() - year;
  const ids = new IdGenerator(61, () => Math.floor(at));
  const word = () => words[Math.floor(Math.pow(random(), 3) * words.length)]!;
  for (let done = 0; done < statusCount;) {
    const batch: StatusRecord[] = [];
    for (let i = 0; i < perTransaction && done < statusCount; i++, done++) {
      at += year / statusCount;
      const id = ids.next();
      const author = authors[Math.floor(random() * authors.length)]!;
      const text = Array.from({ length: 12 }, word).join(' ');
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
        createdAt: Math.floor(at),
        updatedAt: Math.floor(at),
      });
    }
    await woolly.deps.db.transaction((tx) => insertStatuses(tx, batch));
  }
}

async function run(kind: DatabaseKind): Promise<void> {
  const label = (text: string) => console.log(`${kind.padEnd(9)} ${text}`);
  const db = await createTestDatabase(kind);
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, SECRET_KEY_BASE: benchSecret }),
    db.dataDir,
  );
  const woolly = await createWoolly(config, { log: createLogger({ level: 'error' }) });
  try {
    const token = await searcher(woolly);
    const t0 = performance.now();
    await seedStatuses(woolly, await seedAccounts(woolly, accountCount));
    const t1 = performance.now();
    const indexed = await reindexStatuses(woolly.deps);
    const t2 = performance.now();
    label(
      `seeded ${statusCount} posts in ${fixed((t1 - t0) / 1000, 1)} s; indexed ${indexed} in ` +
        `${fixed((t2 - t1) / 1000, 1)} s (${fixed(indexed / ((t2 - t1) / 1000))} posts/s)`,
    );
    const queries: [string, () => string][] = [
      ['a common word', () => words[Math.floor(Math.random() * 20)]!],
      ['a rare word', () => words[5000 + Math.floor(Math.random() * 5000)]!],
      [
        'two words',
        () =>
          `${words[Math.floor(Math.random() * 50)]} ${words[50 + Math.floor(Math.random() * 200)]}`,
      ],
      [
        'a phrase',
        () => `"${words[Math.floor(Math.random() * 30)]} ${words[Math.floor(Math.random() * 30)]}"`,
      ],
      ['no match', () => 'zzzyzzy'],
    ];
    const all: number[] = [];
    for (const [name, query] of queries) {
      const latencies: number[] = [];
      let results = 0;
      let errors = 0;
      for (let i = 0; i < requests + 20; i++) {
        const q = encodeURIComponent(query());
        const s = performance.now();
        const res = await woolly.http.request(
          `https://bench.test/api/v2/search?type=statuses&limit=20&q=${q}`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        const body = (await res.json()) as { statuses?: unknown[] };
        const ms = performance.now() - s;
        if (res.status !== 200) errors += 1;
        if (i < 20) continue; // warm-up
        results += body.statuses?.length ?? 0;
        latencies.push(ms);
        all.push(ms);
      }
      latencies.sort((a, b) => a - b);
      label(
        `search ${name.padEnd(14)} p50 ${fixed(percentile(latencies, 50), 2).padStart(7)} ms` +
          `   p99 ${fixed(percentile(latencies, 99), 2).padStart(7)} ms` +
          `   (${requests} requests, ${fixed(results / requests, 1)} results each${errors ? `, ${errors} failed` : ''})`,
      );
    }
    all.sort((a, b) => a - b);
    label(
      `search, all queries        p50 ${fixed(percentile(all, 50), 2).padStart(7)} ms   p99 ${fixed(percentile(all, 99), 2).padStart(7)} ms`,
    );
  } finally {
    await woolly.close();
    await db.drop();
  }
}

for (const kind of kinds) await run(kind);
