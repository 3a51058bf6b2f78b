/**
 * The instance of issue 4's benchmarks, built the same on SQLite and PostgreSQL: 10,000 local
 * accounts (and 2,000 remote ones), 1,000,000 posts over a year (replies with their mention,
 * boosts, private and unlisted posts, one in four with one of 100 hashtags, every post in the
 * search index), a reader following 500 accounts with 20 lists of 25 of them, and a poster
 * followed by all 10,000 local accounts, whose home feeds are built (so fan-out writes them).
 *
 * Rows go in with batched INSERTs through the repositories. A seeded instance is kept in
 * `node_modules/.cache/woolly-bench/` (a SQLite file, or a PostgreSQL template database) and
 * copied for each run; migrations added since are applied to the kept copy first, so a cache
 * is reused as long as the generator's version and the sizes match.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createWoolly, type Woolly } from '../src/app.ts';
import { buildConfig, parseEnvVars } from '../src/config/load.ts';
import type { Config } from '../src/config/schema.ts';
import { IdGenerator } from '../src/core/ids.ts';
import { createLogger } from '../src/core/logger.ts';
import { insertAccount, type AccountRecord } from '../src/db/repositories/accounts.ts';
import { markHomeFeedBuilt } from '../src/db/repositories/feed-entries.ts';
import { insertFollow } from '../src/db/repositories/follows.ts';
import { insertList, insertListAccount } from '../src/db/repositories/lists.ts';
import { insertMentions, type MentionRecord } from '../src/db/repositories/mentions.ts';
import { insertStatusDocuments } from '../src/db/repositories/search-index.ts';
import { insertStatuses, type StatusRecord } from '../src/db/repositories/statuses.ts';
import { insertMissingTags } from '../src/db/repositories/tags.ts';
import { createLocalAccount } from '../src/domain/accounts/create-local-account.ts';
import { localAccountRecord } from '../src/domain/accounts/local-account-record.ts';
import { createApplication } from '../src/domain/oauth/applications.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { searchTokens } from '../src/domain/search/tokens.ts';
import {
  adminUrl,
  createTestDatabase,
  type DatabaseKind,
  type TestDatabase,
} from '../test/helpers/databases.ts';
import { benchSecret } from './woolly-process.ts';

/** Bump when the generated data changes, so that kept instances are built again. */
const generatorVersion = 1;

export interface InstanceSize {
  accounts: number;
  statuses: number;
}

export const issueSize: InstanceSize = { accounts: 10_000, statuses: 1_000_000 };
export const followedByReader = 500;
export const listCount = 20;
export const membersPerList = 25;
export const tagCount = 100;

/** What the benchmarks need to know of a built instance. */
export interface InstanceFacts {
  readerId: string;
  readerToken: string;
  starId: string;
  starToken: string;
  listIds: string[];
  /** Ids of the oldest and newest seeded posts. */
  oldestStatusId: string;
  newestStatusId: string;
  /** Local accounts following the poster (the fan-out's audience). */
  starFollowers: number;
}

export interface Instance {
  db: TestDatabase;
  config: Config;
  facts: InstanceFacts;
  /** How the seeded data was had: built now (with its time) or copied from the cache. */
  origin: string;
}

// A seeded random generator, so both databases get the same posts.
export function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

// 10,000 made-up words; word i is drawn with a probability falling with i (Zipf-like), so a
// few words are common and most are rare.
const syllables = ['ka', 'lo', 'mi', 'ru', 'te', 'sa', 'no', 'vi', 'de', 'po', 'zu', 'fe'];
export const words = Array.from({ length: 10_000 }, (_, i) => {
  let n = i;
  let word = '';
  do {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  } while (n > 0);
  return `${word}${i % 7 === 0 ? 'x' : ''}`;
});

const cacheDir = fileURLToPath(new URL('../node_modules/.cache/woolly-bench/', import.meta.url));
const cacheKey = (size: InstanceSize) => `v${generatorVersion}_${size.accounts}_${size.statuses}`;

function configFor(db: { url: string; dataDir: string }): Config {
  return buildConfig(
    parseEnvVars({
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      SECRET_KEY_BASE: benchSecret,
      // The benchmark's one client sends thousands of requests: Mastodon's throttles would stop it.
      RATE_LIMITS: 'false',
    }),
    db.dataDir,
  );
}

const quiet = () => createLogger({ level: 'error' });

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

function accountRecords(woolly: Woolly, size: InstanceSize, random: () => number) {
  const now = Date.now();
  const local = Array.from({ length: size.accounts }, (_, i) => ({
    ...localAccountRecord({
      id: woolly.deps.ids.next(),
      username: `seed${i}`,
      baseUrl: woolly.config.baseUrl,
      now,
      displayName: `Seed ${i}`,
    }),
    indexable: random() < 0.5,
  }));
  const remote = Array.from({ length: Math.floor(size.accounts / 5) }, (_, i): AccountRecord => {
    const host = `https://remote${i % 50}.example`;
    const base = localAccountRecord({
      id: woolly.deps.ids.next(),
      username: `far${i}`,
      baseUrl: host,
      now,
      displayName: `Far ${i}`,
    });
    return { ...base, domain: `remote${i % 50}.example`, indexable: random() < 0.5 };
  });
  return { local, remote };
}

async function seedStatuses(
  woolly: Woolly,
  size: InstanceSize,
  local: AccountRecord[],
  remote: AccountRecord[],
  tagIds: string[],
  random: () => number,
): Promise<{ oldest: string; newest: string }> {
  const db = woolly.deps.db;
  const year = 365 * 86_400_000;
  let at = Date.now() - year;
  const ids = new IdGenerator(62, () => Math.floor(at));
  const mentionIds = new IdGenerator(63, () => Math.floor(at));
  const lastPost = new Map<string, number>();
  const recent: StatusRecord[] = [];
  const boosted = new Set<string>();
  const word = () => words[Math.floor(Math.pow(random(), 3) * words.length)]!;
  const perTransaction = 10_000;
  let oldest = '';
  let newest = '';
  for (let done = 0; done < size.statuses;) {
    const batch: StatusRecord[] = [];
    const mentions: MentionRecord[] = [];
    const tagged: [string, string][] = [];
    const documents: { statusId: string; tokens: string[] }[] = [];
    for (let i = 0; i < perTransaction && done < size.statuses; i++, done++) {
      at += year / size.statuses;
      const id = ids.next();
      if (oldest === '') oldest = id;
      newest = id;
      const fromRemote = random() < 0.2;
      const authors = fromRemote ? remote : local;
      const author = authors[Math.floor(random() * authors.length)]!;
      const roll = random();
      const target = recent.length > 100 ? recent[Math.floor(random() * recent.length)]! : null;
      const boost =
        roll < 0.05 &&
        target !== null &&
        target.visibility === 'public' &&
        target.accountId !== author.id &&
        !boosted.has(`${author.id}:${target.id}`);
      const reply = !boost && roll < 0.15 && target !== null && target.visibility !== 'private';
      const tag = !boost && random() < 0.25 ? Math.floor(random() * tagCount) : null;
      const text = boost
        ? ''
        : Array.from({ length: 12 }, word).join(' ') + (tag === null ? '' : ` #topic${tag}`);
      const visibility = boost
        ? 'public'
        : roll > 0.95
          ? 'private'
          : roll > 0.92
            ? 'unlisted'
            : 'public';
      const status: StatusRecord = {
        id,
        accountId: author.id,
        uri: `${author.uri}/statuses/${id}`,
        url: `${author.url}/${id}`,
        local: !fromRemote,
        localOnly: false,
        visibility,
        text: fromRemote ? '' : text,
        contentType: 'text/plain',
        content: boost ? '' : `<p>${text}</p>`,
        spoilerText: '',
        sensitive: false,
        language: 'en',
        inReplyToId: reply ? target.id : null,
        inReplyToAccountId: reply ? target.accountId : null,
        reblogOfId: boost ? target.id : null,
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
      };
      batch.push(status);
      if (boost) boosted.add(`${author.id}:${target.id}`);
      if (reply && target.accountId !== author.id) {
        mentions.push({
          id: mentionIds.next(),
          statusId: id,
          accountId: target.accountId,
          silent: false,
          createdAt: Math.floor(at),
        });
      }
      if (tag !== null) tagged.push([id, tagIds[tag]!]);
      if (!boost) documents.push({ statusId: id, tokens: searchTokens(text) });
      lastPost.set(author.id, Math.floor(at));
      if (!boost) recent.push(status);
      if (recent.length > 2000) recent.shift();
    }
    await db.transaction(async (tx) => {
      await insertStatuses(tx, batch);
      for (let i = 0; i < mentions.length; i += 500) {
        await insertMentions(tx, mentions.slice(i, i + 500));
      }
      // statuses_tags has no batch writer in its repository (posting writes one status's tags).
      for (let i = 0; i < tagged.length; i += 500) {
        const rows = tagged.slice(i, i + 500);
        await tx.run(
          `INSERT INTO statuses_tags (status_id, tag_id) VALUES ${rows.map(() => '(?, ?)').join(', ')}`,
          rows.flat(),
        );
      }
      for (let i = 0; i < documents.length; i += 1000) {
        await insertStatusDocuments(tx, db.dialect, documents.slice(i, i + 1000));
      }
    });
  }
  // What posting keeps up (accounts.last_status_at), which feed building reads.
  await db.transaction(async (tx) => {
    for (const [id, last] of lastPost) {
      await tx.run('UPDATE accounts SET last_status_at = ? WHERE id = ?', [last, id]);
    }
  });
  return { oldest, newest };
}

async function seed(woolly: Woolly, size: InstanceSize): Promise<InstanceFacts> {
  const random = generator(42);
  const db = woolly.deps.db;
  const reader = await user(woolly, 'reader');
  const star = await user(woolly, 'star');
  const { local, remote } = accountRecords(woolly, size, random);
  await db.transaction(async (tx) => {
    for (const account of [...local, ...remote]) await insertAccount(tx, account);
  });
  const now = Date.now();
  const tags = Array.from({ length: tagCount }, (_, i) => ({
    id: woolly.deps.ids.next(),
    name: `topic${i}`,
  }));
  await db.transaction((tx) => insertMissingTags(tx, tags, now));
  const range = await seedStatuses(
    woolly,
    size,
    local,
    remote,
    tags.map((t) => t.id),
    random,
  );

  // The reader follows 500 accounts (local and remote), and sorts 500 of them into 20 lists.
  const everyone = [...local, ...remote];
  const chosen = new Set<AccountRecord>();
  while (chosen.size < Math.min(followedByReader, everyone.length)) {
    chosen.add(everyone[Math.floor(random() * everyone.length)]!);
  }
  const followed = [...chosen];
  const follow = (accountId: string, targetAccountId: string) => ({
    id: woolly.deps.ids.next(),
    accountId,
    targetAccountId,
    showReblogs: true,
    notify: false,
    languages: null,
    uri: null,
    createdAt: now,
  });
  const listIds: string[] = [];
  await db.transaction(async (tx) => {
    for (const a of followed) await insertFollow(tx, 'follows', follow(reader.id, a.id));
    for (const a of local) await insertFollow(tx, 'follows', follow(a.id, star.id));
    for (let l = 0; l < listCount; l++) {
      const id = woolly.deps.ids.next();
      listIds.push(id);
      await insertList(tx, {
        id,
        accountId: reader.id,
        title: `List ${l}`,
        repliesPolicy: 'list',
        exclusive: false,
        feedBuiltAt: null,
        createdAt: now,
        updatedAt: now,
      });
      for (const member of followed.slice(l * membersPerList, (l + 1) * membersPerList)) {
        await insertListAccount(tx, {
          id: woolly.deps.ids.next(),
          listId: id,
          accountId: member.id,
          createdAt: now,
        });
      }
    }
    // The poster's followers are active readers: their feeds are built (empty, as they follow
    // only the poster), so fan-out writes to them.
    for (const id of [star.id, ...local.map((a) => a.id)]) await markHomeFeedBuilt(tx, id, now);
  });
  return {
    readerId: reader.id,
    readerToken: reader.token,
    starId: star.id,
    starToken: star.token,
    listIds,
    oldestStatusId: range.oldest,
    newestStatusId: range.newest,
    starFollowers: local.length,
  };
}

/** Builds the instance into `target`, migrating it first; answers its facts. */
async function build(target: { url: string; dataDir: string }, size: InstanceSize) {
  const woolly = await createWoolly(configFor(target), { log: quiet() });
  try {
    return await seed(woolly, size);
  } finally {
    await woolly.close();
  }
}

/** Applies migrations added since the kept instance was built (createWoolly migrates). */
async function migrateKept(target: { url: string; dataDir: string }): Promise<number> {
  const t0 = performance.now();
  const woolly = await createWoolly(configFor(target), { log: quiet() });
  await woolly.close();
  return performance.now() - t0;
}

const adminQuery = async (sql: string, params: unknown[] = [], url = adminUrl) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
};

const pgUrl = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * A fresh copy of the seeded instance on `kind`, built (and kept) when no kept one matches.
 * The copy is the caller's to change and to `db.drop()`.
 */
export async function openInstance(
  kind: DatabaseKind,
  size: InstanceSize = issueSize,
  log: (line: string) => void = console.log,
): Promise<Instance> {
  mkdirSync(cacheDir, { recursive: true });
  const key = cacheKey(size);
  const factsFile = join(cacheDir, `${kind}_${key}.json`);
  const keptFacts = existsSync(factsFile)
    ? (JSON.parse(readFileSync(factsFile, 'utf8')) as InstanceFacts)
    : null;
  const db = await createTestDatabase(kind);
  let origin: string;
  let facts: InstanceFacts;
  if (kind === 'sqlite') {
    const kept = join(cacheDir, `sqlite_${key}.sqlite`);
    const keptTarget = { url: `sqlite://${kept}`, dataDir: db.dataDir };
    if (keptFacts && existsSync(kept)) {
      const ms = await migrateKept(keptTarget);
      facts = keptFacts;
      origin = `copied from ${kept} (opened and migrated in ${(ms / 1000).toFixed(1)} s)`;
    } else {
      rmSync(kept, { force: true });
      const t0 = performance.now();
      facts = await build(keptTarget, size);
      writeFileSync(factsFile, JSON.stringify(facts));
      origin = `built in ${((performance.now() - t0) / 1000).toFixed(1)} s, kept in ${kept}`;
    }
    copyFileSync(kept, new URL(db.url).pathname);
  } else {
    const template = `woolly_bench_${key}`;
    const exists = (await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [template]))
      .rowCount;
    const keptTarget = { url: pgUrl(template), dataDir: db.dataDir };
    if (keptFacts && exists) {
      const ms = await migrateKept(keptTarget);
      facts = keptFacts;
      origin = `copied from database ${template} (migrated in ${(ms / 1000).toFixed(1)} s)`;
    } else {
      await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${template}`);
      const t0 = performance.now();
      facts = await build(keptTarget, size);
      // What autovacuum does on a live server soon after such a load.
      await adminQuery('VACUUM ANALYZE', [], keptTarget.url);
      writeFileSync(factsFile, JSON.stringify(facts));
      origin = `built in ${((performance.now() - t0) / 1000).toFixed(1)} s, kept as database ${template}`;
    }
    // The copy replaces the empty database createTestDatabase made.
    const name = new URL(db.url).pathname.slice(1);
    await adminQuery(`DROP DATABASE ${name}`);
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  }
  log(`${kind.padEnd(9)} instance ${origin}`);
  return { db, config: configFor(db), facts, origin };
}

/** Opens a Woolly on the instance, quiet, its workers stopped until `jobs.start()`. */
export function openWoolly(instance: Instance): Promise<Woolly> {
  return createWoolly(instance.config, { log: quiet() });
}
