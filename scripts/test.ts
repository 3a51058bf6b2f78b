/**
 * The test suite: every `*.test.ts` under test/ with Node's own runner. PostgreSQL must be
 * reachable (storage tests run on both databases); the run fails, not skips, when it is not.
 *
 * Two files run at a time, the slowest first (by scripts/test-durations.json; files not listed
 * there start before all others, as they might be slow), so that the run does not end with
 * one long file on one core. `TEST_TIMES_FILE=PATH` records each file's wall and CPU time
 * (scripts/test-times-hook.ts); `node scripts/test-times.ts PATH` summarises them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import pg from 'pg';

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : find(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.end();
} catch (error) {
  console.error(`PostgreSQL is not reachable at ${url}: ${(error as Error).message}`);
  console.error('Start it (see README: Running the tests) or set TEST_DATABASE_URL.');
  process.exit(1);
}

/** Files in descending order of their recorded duration; files with none first. */
function slowestFirst(files: string[]): string[] {
  const recorded = new URL('test-durations.json', import.meta.url);
  const durations = existsSync(recorded)
    ? (JSON.parse(readFileSync(recorded, 'utf8')) as Record<string, number>)
    : {};
  const duration = (file: string) => durations[file] ?? Infinity;
  return files.toSorted((a, b) => duration(b) - duration(a) || (a < b ? -1 : 1));
}

const filter = process.argv.slice(2);
const files = find('test').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
// The test files' processes inherit this environment.
process.env.NODE_ENV = 'test';
// run() keeps the order of `files` (`node --test FILES` sorts them by name).
const stream = run({
  files: slowestFirst(files),
  concurrency: 2,
  execArgv: process.env.TEST_TIMES_FILE
    ? [`--import=${join(import.meta.dirname, 'test-times-hook.ts')}`]
    : [],
});
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);
