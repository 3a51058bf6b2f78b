/**
 * What one inbound post costs the database: a remote actor with N local followers (home feeds
 * built, one in ten asking for post notifications) sends M `Create(Note)` activities, signed
 * before the clock starts and posted to the shared inbox of an in-process Woolly (the path of
 * bench/inbox.ts without the network); then every job they lead to runs to completion, one at a
 * time, as a worker would (`fedify.inbox` on `ingress`, then feeds, notifications, search
 * index, preview cards...). The notes rotate through four shapes: plain text, a hashtag, a
 * mention of a follower, and a link (whose page the benchmark serves in place of the network).
 *
 * The database is wrapped to count every statement, by kind (SELECT, INSERT, UPDATE, DELETE),
 * by table and by the job that ran it ("inbox POST" for the request itself, "queue" for the job
 * queue's own claims and removals), and the jobs by name. Prints, per activity: statements,
 * transactions, jobs and the benchmark process's CPU time (on PostgreSQL the server's CPU is
 * not in it).
 *
 * Usage: node bench/inbound-statements.ts [activities=200] [sqlite|postgres|both] [followers=10]
 */
import { signRequest } from '@fedify/fedify';
import { createWoolly, type Woolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import type { Database, Queryable, SqlValue } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open.ts';
import { insertFollow } from '../src/db/repositories/follows.ts';
import type { EmbeddedJobs } from '../src/jobs/embedded.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { makeUserWithToken } from '../test/helpers/factories.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { fakeRemote, remoteActor, rsaKey } from '../test/federation/fake-remote.ts';
import { fixed, loadAverage } from './stats.ts';

const activities = Number(process.argv[2] ?? 200);
const which = process.argv[3] ?? 'both';
const followerCount = Number(process.argv[4] ?? 10);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];

/** Statement counts, by kind, table and phase (the running job's name). */
class Counts {
  statements = 0;
  transactions = 0;
  byKind = new Map<string, number>();
  byTable = new Map<string, number>();
  byPhase = new Map<string, number>();
  jobs = new Map<string, number>();
  /** Each distinct statement by phase (BENCH_STATEMENTS=1 prints them). */
  texts = new Map<string, number>();
  phase = 'setup';
  traces = 0;

  reset(): void {
    this.statements = 0;
    this.transactions = 0;
    this.byKind.clear();
    this.byTable.clear();
    this.byPhase.clear();
    this.jobs.clear();
    this.texts.clear();
    this.times.clear();
  }

  /** Milliseconds spent in each distinct statement (as `texts`), waits for the connection included. */
  times = new Map<string, number>();

  /** Counts `sql`; answers its key in `texts`, for `timed`. */
  count(sql: string): string {
    const text = sql.trim();
    const kind = /^\w+/.exec(text)?.[0]?.toUpperCase() ?? '?';
    const table =
      /^(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/i.exec(text)?.[1] ??
      /\bFROM\s+(\w+)/i.exec(text)?.[1] ??
      '-';
    this.statements += 1;
    add(this.byKind, kind);
    add(this.byTable, table);
    const phase = table === 'jobs' && kind !== 'INSERT' ? 'queue' : this.phase;
    if (traced && phase !== 'setup' && text.includes(traced) && this.traces++ < 2) {
      console.log(`${phase}: ${text}\n${new Error().stack}`);
    }
    add(this.byPhase, phase);
    const key = `${phase}\t${text
      .replace(/\s+/g, ' ')
      .replace(/\d{6,}/g, '<n>')
      .slice(0, 160)}`;
    add(this.texts, key);
    return key;
  }

  async timed<T>(key: string, statement: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await statement();
    } finally {
      add(this.times, key, performance.now() - start);
    }
  }

  /** A claim returns the jobs it took: what runs next is counted under their name. */
  claimed(rows: readonly Record<string, unknown>[]): void {
    for (const row of rows) {
      if (typeof row.name !== 'string' || !('attempts' in row)) continue;
      this.phase = row.name;
      add(this.jobs, row.name);
    }
  }
}

/** BENCH_TRACE=text prints where the first statements containing `text` come from. */
const traced = process.env.BENCH_TRACE;

const add = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/** `db` with every statement counted in `counts` (the transactions' too). */
function counted(db: Database, counts: Counts): Database {
  const wrapped = new WeakMap<Queryable, Queryable>();
  const wrap = (q: Queryable): Queryable => {
    let w = wrapped.get(q);
    if (w) return w;
    w = {
      all: async <T>(sql: string, params?: readonly SqlValue[]) => {
        const rows = await counts.timed(counts.count(sql), () => q.all<T>(sql, params));
        if (/^\s*UPDATE jobs/i.test(sql)) counts.claimed(rows as Record<string, unknown>[]);
        return rows;
      },
      get: (sql, params) => counts.timed(counts.count(sql), () => q.get(sql, params)),
      run: (sql, params) => counts.timed(counts.count(sql), () => q.run(sql, params)),
      exec: (sql) => counts.timed(counts.count(sql), () => q.exec(sql)),
    };
    wrapped.set(q, w);
    return w;
  };
  const direct = wrap(db);
  return {
    dialect: db.dialect,
    all: direct.all,
    get: direct.get,
    run: direct.run,
    exec: direct.exec,
    transaction: (fn) => {
      counts.transactions += 1;
      return db.transaction((tx) => fn(wrap(tx)));
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

const followersUrl = `${remoteActor}/followers`;
const statusUrl = (i: number) => `${remoteActor}/statuses/${1000 + i}`;
const publicAudience = 'https://www.w3.org/ns/activitystreams#Public';

/** The i-th note: plain, with a hashtag, mentioning `mentioned`, or with a link. */
function createActivity(i: number, mentioned: { uri: string; username: string }): object {
  const shape = i % 4;
  const tag: object[] = [];
  let content = `<p>Post number ${i} from the benchmark, with a few words to index.</p>`;
  if (shape === 1) {
    content = `<p>Post ${i} about <a href="https://masto.qa.urbanwildlife.biz/tags/woolly" class="mention hashtag" rel="tag">#<span>woolly</span></a></p>`;
    tag.push({
      type: 'Hashtag',
      name: '#woolly',
      href: 'https://masto.qa.urbanwildlife.biz/tags/woolly',
    });
  } else if (shape === 2) {
    content = `<p><span class="h-card"><a href="${mentioned.uri}" class="u-url mention">@<span>${mentioned.username}</span></a></span> post ${i}</p>`;
    tag.push({ type: 'Mention', href: mentioned.uri, name: `@${mentioned.username}@woolly.test` });
  } else if (shape === 3) {
    content = `<p>Read <a href="https://news.example/articles/${i}" rel="nofollow noopener" target="_blank">news.example/articles/${i}</a></p>`;
  }
  const published = new Date(Date.UTC(2026, 10, 1, 12, 0, i)).toISOString();
  return {
    '@context': [
      'https://www.w3.org/ns/activitystreams',
      { Hashtag: 'as:Hashtag', sensitive: 'as:sensitive' },
    ],
    id: `${statusUrl(i)}/activity`,
    type: 'Create',
    actor: remoteActor,
    published,
    to: [publicAudience],
    cc: [followersUrl, ...(shape === 2 ? [mentioned.uri] : [])],
    object: {
      id: statusUrl(i),
      type: 'Note',
      attributedTo: remoteActor,
      content,
      contentMap: { en: content },
      published,
      url: `https://masto.qa.urbanwildlife.biz/@mastodon/${1000 + i}`,
      to: [publicAudience],
      cc: [followersUrl, ...(shape === 2 ? [mentioned.uri] : [])],
      sensitive: false,
      tag,
      attachment: [],
    },
  };
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A page with OpenGraph tags, served for every link in place of the network. */
function servePages(woolly: Woolly): void {
  const page = (url: string) =>
    `<html><head><title>Article</title><meta property="og:title" content="An article at ${url}">` +
    `<meta property="og:description" content="What it says."></head><body></body></html>`;
  woolly.deps.media.fetcher.fetch = async (url) => ({
    body: Buffer.from(page(url)),
    contentType: 'text/html; charset=utf-8',
  });
}

/** Runs the jobs until the post `uri` is stored (Fedify's first job may wait for it to load). */
async function stored(woolly: Woolly, uri: string): Promise<{ id: string | number }> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    await runAll(woolly);
    const row = await woolly.deps.db.get<{ id: string | number }>(
      'SELECT account_id AS id FROM statuses WHERE uri = ?',
      [uri],
    );
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the first post was not stored');
}

async function runAll(woolly: Woolly): Promise<number> {
  let ran = 0;
  for (;;) {
    const n = await (woolly.jobs as EmbeddedJobs).runDue({ limit: 500 });
    ran += n;
    if (n === 0) return ran;
  }
}

const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
const per = (n: number) => fixed(n / activities, 2);

async function run(kind: DatabaseKind): Promise<void> {
  const testDb = await createTestDatabase(kind);
  const config = testConfig(testDb, { RATE_LIMITS: 'false' });
  const counts = new Counts();
  const db = counted(openDatabase(config), counts);
  const remote = await fakeRemote();
  // The actor's key is one the benchmark holds, so that it signs before the clock starts.
  const key = await rsaKey();
  const actor = remote.documents.get(remoteActor) as { publicKey: { publicKeyPem: string } };
  actor.publicKey.publicKeyPem = key.pem;
  const log = memoryLogger('error');
  const woolly = await createWoolly(config, {
    db,
    log,
    federation: { documentLoader: remote.documentLoader },
  });
  servePages(woolly);
  const signed = (activity: object) =>
    signRequest(
      new Request(`${woolly.config.baseUrl}/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body: JSON.stringify(activity),
      }),
      key.cryptoKey,
      new URL(`${remoteActor}#main-key`),
    );
  try {
    const followers = [];
    for (let i = 0; i < followerCount; i++) {
      followers.push(
        await makeUserWithToken(woolly.deps, { account: { username: `follower${i}` } }),
      );
    }
    const mentioned = {
      uri: followers[0]!.account.uri,
      username: followers[0]!.account.username,
    };
    // A first activity stores the remote actor (and loads Fedify); then the follows.
    await woolly.http.request(await signed(createActivity(-1, mentioned)));
    const author = await stored(woolly, statusUrl(-1));
    for (const [i, f] of followers.entries()) {
      await insertFollow(db, 'follows', {
        id: woolly.deps.ids.next(),
        accountId: f.account.id,
        targetAccountId: String(author.id),
        showReblogs: true,
        notify: i % 10 === 1,
        languages: null,
        uri: null,
        createdAt: Date.now(),
      });
      // Read once: the home feed is built, so fan-out writes to it.
      const res = await woolly.http.request(`${woolly.config.baseUrl}/api/v1/timelines/home`, {
        headers: { authorization: `Bearer ${f.token}` },
      });
      await res.arrayBuffer();
    }
    const requests = [];
    for (let i = 0; i < activities; i++) requests.push(await signed(createActivity(i, mentioned)));
    await runAll(woolly);

    counts.reset();
    counts.phase = 'inbox POST';
    const cpu0 = cpuMs();
    const t0 = performance.now();
    for (const request of requests) {
      const res = await woolly.http.request(request);
      if (res.status >= 300) throw new Error(`the inbox answered ${res.status}`);
    }
    const cpuPost = cpuMs() - cpu0;
    const postCounts = counts.statements;
    const ran = await runAll(woolly);
    const cpuAll = cpuMs() - cpu0;
    const wall = performance.now() - t0;

    const left = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM jobs');
    const posts = await db.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM statuses WHERE account_id = ?',
      [author.id],
    );
    const entries = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM feed_entries');
    console.log(
      `\n${kind}: ${activities} Create(Note) from one actor, ${followerCount} local followers ` +
        `(load ${loadAverage()})`,
    );
    console.log(
      `  stored ${Number(posts?.n) - 1} posts, ${Number(entries?.n)} home feed entries, ` +
        `${ran} jobs run, ${Number(left?.n)} left, ${fixed(wall)} ms wall`,
    );
    console.log(
      `  per activity: ${per(counts.statements)} statements ` +
        `(inbox POST ${per(postCounts)}, jobs ${per(counts.statements - postCounts)}), ` +
        `${per(counts.transactions)} transactions, ${per(ran)} jobs, ` +
        `CPU ${fixed(cpuAll / activities, 2)} ms (inbox POST ${fixed(cpuPost / activities, 2)} ms, ` +
        `jobs ${fixed((cpuAll - cpuPost) / activities, 2)} ms)`,
    );
    const line = (label: string, map: Map<string, number>) =>
      console.log(
        `  ${label}: ${sorted(map)
          .map(([k, n]) => `${k} ${per(n)}`)
          .join(', ')}`,
      );
    line('by kind', counts.byKind);
    line('by phase', counts.byPhase);
    line('by table', counts.byTable);
    line('jobs', counts.jobs);
    for (const line of log.lines) console.log(`  log: ${line}`);
    if (process.env.BENCH_STATEMENTS) {
      for (const [text, n] of [...counts.texts].sort()) {
        const ms = (counts.times.get(text) ?? 0) / activities;
        console.log(`    ${per(n)}\t${fixed(ms, 3)} ms\t${text}`);
      }
    }
  } finally {
    await woolly.close();
    await db.close();
    await testDb.drop();
  }
}

for (const kind of kinds) await run(kind);
