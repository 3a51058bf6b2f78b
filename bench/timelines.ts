/**
 * Issue 4's benchmark: timelines, search and fan-out on the issue's instance (bench/instance.ts:
 * 10,000 accounts, 1,000,000 posts, a reader following 500 accounts with 20 lists), on each
 * database, in process (the whole HTTP application without a socket), one request at a time:
 *
 * - p50 / p99 of GET /api/v1/timelines/home (first page, and pages further down), /public
 *   (local, and federated), /tag/:hashtag, /list/:id, as the reader;
 * - p50 / p99 of GET /api/v2/search?type=statuses (common and rare words, two words, phrases);
 * - fan-out: from POST /api/v1/statuses by an account with 10,000 local followers to the
 *   moment every follower's home feed holds the post (the workers running in the process).
 *
 * Prints a line per measure as it goes, then one table for both databases.
 * Targets (embedded default, SQLite): timelines p99 < 15 ms, search p99 < 50 ms, fan-out < 1 s.
 *
 * Usage: node bench/timelines.ts [requests=500] [sqlite|postgres|both] [statuses=1000000]
 */
import { issueSize, listCount, openInstance, openWoolly } from './instance.ts';
import { searchPath, searchQueries, searchResults, timeRequests, type Timing } from './measure.ts';
import { fixed } from './stats.ts';
import type { DatabaseKind } from '../test/helpers/databases.ts';

const requests = Number(process.argv[2] ?? 500);
const which = process.argv[3] ?? 'both';
const statuses = Number(process.argv[4] ?? issueSize.statuses);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];
const size = { accounts: statuses === issueSize.statuses ? issueSize.accounts : 1000, statuses };

const random = (n: number) => Math.floor(Math.random() * n);

interface Row {
  name: string;
  target: string;
  values: Map<DatabaseKind, string>;
}
const table: Row[] = [];
function record(kind: DatabaseKind, name: string, target: string, value: string): void {
  let row = table.find((r) => r.name === name);
  if (!row) table.push((row = { name, target, values: new Map() }));
  row.values.set(kind, value);
}

async function run(kind: DatabaseKind): Promise<void> {
  const say = (text: string) => console.log(`${kind.padEnd(9)} ${text}`);
  const instance = await openInstance(kind, size);
  const woolly = await openWoolly(instance);
  const { facts } = instance;
  const show = (t: Timing, target: string) => {
    say(
      `${t.name.padEnd(34)} p50 ${fixed(t.p50, 2).padStart(7)} ms   p99 ${fixed(t.p99, 2).padStart(7)} ms` +
        `   cpu ${fixed(t.cpu, 2).padStart(6)} ms   (${t.requests} requests, ${fixed(t.items, 1)} items each${t.failed ? `, ${t.failed} FAILED` : ''})`,
    );
    record(kind, t.name, target, `${fixed(t.p50, 1)} / ${fixed(t.p99, 1)} (${fixed(t.cpu, 1)})`);
  };
  const get = (path: string) =>
    woolly.http.request(`https://bench.test${path}`, {
      headers: { authorization: `Bearer ${facts.readerToken}` },
    });
  try {
    const reader = facts.readerToken;
    // The first read of each feed builds it (Mastodon's regeneration of an inactive feed).
    let t0 = performance.now();
    const first = await get('/api/v1/timelines/home');
    say(`first home read (builds the feed of 500 follows): ${fixed(performance.now() - t0, 1)} ms`);
    record(kind, 'home: first read, builds the feed', '', fixed(performance.now() - t0, 1));
    if (first.status !== 200) throw new Error(`home answered ${first.status}`);
    t0 = performance.now();
    for (const id of facts.listIds) await (await get(`/api/v1/timelines/list/${id}`)).text();
    say(
      `first read of the ${listCount} lists (builds their feeds): ${fixed(performance.now() - t0, 1)} ms`,
    );

    const feed = (
      await woolly.deps.db.all<{ status_id: string | number }>(
        'SELECT status_id FROM feed_entries WHERE account_id = ? ORDER BY status_id DESC',
        [facts.readerId],
      )
    ).map((r) => String(r.status_id));
    say(`the reader's home feed holds ${feed.length} entries`);
    const oldest = BigInt(facts.oldestStatusId);
    const span = BigInt(facts.newestStatusId) - oldest;
    const anyId = () => String(oldest + (span * BigInt(random(1_000_000))) / 1_000_000n);

    const timelines: [string, () => string][] = [
      ['home', () => '/api/v1/timelines/home'],
      [
        'home, older pages',
        () => `/api/v1/timelines/home?max_id=${feed[random(Math.max(1, feed.length - 20))]}`,
      ],
      ['public, local', () => '/api/v1/timelines/public?local=true'],
      ['public, federated', () => '/api/v1/timelines/public'],
      ['public, older pages', () => `/api/v1/timelines/public?max_id=${anyId()}`],
      ['tag', () => `/api/v1/timelines/tag/topic${random(100)}`],
      ['list', () => `/api/v1/timelines/list/${facts.listIds[random(facts.listIds.length)]}`],
    ];
    for (const [name, path] of timelines) {
      show(await timeRequests(woolly, name, reader, requests, path), '15');
    }
    const perKind = Math.max(1, Math.round(requests / searchQueries.length));
    const all: Timing[] = [];
    for (const [name, query] of searchQueries) {
      const t = await timeRequests(
        woolly,
        `search, ${name}`,
        reader,
        perKind,
        () => searchPath(query()),
        searchResults,
      );
      show(t, '50');
      all.push(t);
    }
    const mixed = await timeRequests(
      woolly,
      'search, any of these',
      reader,
      requests,
      () => searchPath(searchQueries[random(searchQueries.length)]![1]()),
      searchResults,
    );
    show(mixed, '50');

    // Fan-out, the workers running.
    woolly.jobs.start();
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      const t1 = performance.now();
      const res = await woolly.http.request('https://bench.test/api/v1/statuses', {
        method: 'POST',
        headers: { authorization: `Bearer ${facts.starToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: `To all my followers, round ${round}` }),
      });
      const answered = performance.now() - t1;
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const row = await woolly.deps.db.get<{ n: number | string }>(
          'SELECT COUNT(*) AS n FROM feed_entries WHERE status_id = ?',
          [id],
        );
        if (Number(row?.n) >= facts.starFollowers + 1) break;
        if (performance.now() - t1 > 60_000) throw new Error('fan-out did not finish in 60 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const ms = performance.now() - t1;
      times.push(ms);
      say(
        `fan-out to ${facts.starFollowers} followers (+ the author): ${fixed(ms, 1)} ms (POST answered in ${fixed(answered, 1)} ms)`,
      );
    }
    record(
      kind,
      `fan-out to ${facts.starFollowers} followers, 3 posts`,
      '1000',
      times.map((t) => fixed(t)).join(', '),
    );
  } finally {
    await woolly.close();
    await instance.db.drop();
  }
}

for (const kind of kinds) await run(kind);

const width = Math.max(...table.map((r) => r.name.length)) + 2;
console.log(
  `\n${'ms: p50 / p99 (cpu)'.padEnd(width)}${'target p99'.padEnd(12)}${kinds.map((k) => k.padEnd(24)).join('')}`,
);
for (const row of table) {
  console.log(
    `${row.name.padEnd(width)}${(row.target ? `< ${row.target}` : '').padEnd(12)}${kinds.map((k) => (row.values.get(k) ?? '-').padEnd(24)).join('')}`,
  );
}
