/**
 * Search on issue 4's instance (bench/instance.ts: 1,000,000 posts of made-up words drawn
 * Zipf-like, so that a few words are in a third of all posts and most are rare), in process,
 * as the reader: p50 / p99 and CPU per request of GET /api/v2/search for posts (a common word,
 * a rare word, two words, a phrase, a word no post has) and of a search of every kind at once
 * (accounts, hashtags and posts, as clients send it).
 *
 * Target (embedded default, SQLite): search p99 under 50 ms.
 *
 * Usage: node bench/search.ts [requests=300] [sqlite|postgres|both] [statuses=1000000]
 */
import type { DatabaseKind } from '../test/helpers/databases.ts';
import { issueSize, openInstance, openWoolly } from './instance.ts';
import { searchPath, searchQueries, timeRequests } from './measure.ts';
import { fixed } from './stats.ts';

const requests = Number(process.argv[2] ?? 300);
const which = process.argv[3] ?? 'both';
const statuses = Number(process.argv[4] ?? issueSize.statuses);
const kinds: DatabaseKind[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DatabaseKind];
const size = { accounts: statuses === issueSize.statuses ? issueSize.accounts : 1000, statuses };

for (const kind of kinds) {
  const instance = await openInstance(kind, size);
  const woolly = await openWoolly(instance);
  try {
    const queries: [string, () => string][] = [
      ...searchQueries.map(([name, query]): [string, () => string] => [
        `posts, ${name}`,
        () => searchPath(query()),
      ]),
      ['posts, no match', () => searchPath('zzzyzzy')],
      [
        'everything, a common word',
        () => `/api/v2/search?q=${encodeURIComponent(searchQueries[0]![1]())}`,
      ],
      [
        'accounts, a name',
        () => `/api/v2/search?type=accounts&q=seed${Math.floor(Math.random() * 999)}`,
      ],
    ];
    for (const [name, path] of queries) {
      const t = await timeRequests(
        woolly,
        name,
        instance.facts.readerToken,
        requests,
        path,
        (body) =>
          ['statuses', 'accounts', 'hashtags'].reduce(
            (n, key) => n + ((body as Record<string, unknown[]>)[key]?.length ?? 0),
            0,
          ),
      );
      console.log(
        `${kind.padEnd(9)} search ${name.padEnd(28)} p50 ${fixed(t.p50, 2).padStart(7)} ms` +
          `   p99 ${fixed(t.p99, 2).padStart(7)} ms   cpu ${fixed(t.cpu, 2).padStart(6)} ms` +
          `   (${t.requests} requests, ${fixed(t.items, 1)} results each${t.failed ? `, ${t.failed} FAILED` : ''})`,
      );
    }
  } finally {
    await woolly.close();
    await instance.db.drop();
  }
}
