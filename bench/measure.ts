/**
 * Timing requests against an in-process Woolly (`woolly.http.request`: the whole HTTP
 * application, routing, authentication and JSON included, without a socket), and the search
 * queries of the benchmarks.
 */
import type { Woolly } from '../src/app.ts';
import { percentile } from './stats.ts';
import { words } from './instance.ts';

export interface Timing {
  name: string;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  /** Mean number of items in an answer (statuses of a timeline, results of a search). */
  items: number;
  /**
   * This process's CPU time per request (user + system): what a request costs Woolly whatever
   * else the machine runs (on PostgreSQL, the database server's share is not in it).
   */
  cpu: number;
}

/** GET `path()` with the bearer token, `requests` times after 20 uncounted warm-up requests. */
export async function timeRequests(
  woolly: Woolly,
  name: string,
  token: string,
  requests: number,
  path: () => string,
  itemsOf: (body: unknown) => number = (body) => (Array.isArray(body) ? body.length : 0),
): Promise<Timing> {
  const latencies: number[] = [];
  let failed = 0;
  let items = 0;
  let cpu = process.cpuUsage();
  for (let i = 0; i < requests + 20; i++) {
    if (i === 20) cpu = process.cpuUsage();
    const url = `https://bench.test${path()}`;
    const t0 = performance.now();
    const res = await woolly.http.request(url, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (i < 20) continue;
    if (res.status !== 200) failed += 1;
    else items += itemsOf(JSON.parse(text));
    latencies.push(ms);
  }
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    cpu: (used.user + used.system) / 1000 / requests,
    name,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests,
    failed,
    items: items / Math.max(1, requests - failed),
  };
}

const pick = (from: number, to: number) => words[from + Math.floor(Math.random() * (to - from))]!;

/** The kinds of search query measured: how common their words are decides the work. */
export const searchQueries: [string, () => string][] = [
  ['a common word', () => pick(0, 20)],
  ['a rare word', () => pick(5000, 10_000)],
  ['two words', () => `${pick(0, 50)} ${pick(50, 250)}`],
  ['a phrase', () => `"${pick(0, 30)} ${pick(0, 30)}"`],
];

export const searchPath = (query: string) =>
  `/api/v2/search?type=statuses&limit=20&q=${encodeURIComponent(query)}`;

export const searchResults = (body: unknown) =>
  (body as { statuses?: unknown[] }).statuses?.length ?? 0;
