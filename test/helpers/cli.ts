/**
 * Runs `woolly` commands against a test database the way an operator would, and opens the
 * same database in-process to look at what the command did.
 *
 * `runWoolly` runs the command in this process (the CLI's `main()` with an injected
 * environment, working directory and output), which costs a few milliseconds instead of a
 * second for a new Node process; `runWoollyProcess` runs the real `bin/woolly` for the tests
 * where the process itself matters (exit status through the shell script, signals).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inspect as describe } from 'node:util';
import type { TestContext } from 'node:test';
import { createWoolly, type Woolly } from '../../src/app.ts';
import { main } from '../../src/cli/main.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { testConfig, testSecret } from './woolly.ts';

export const woollyBin = fileURLToPath(new URL('../../bin/woolly', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the trailing empty one. */
  lines: string[];
}

function result(code: number, stdout: string, stderr: string): CliResult {
  return { code, stdout, stderr, lines: stdout.replace(/\n$/, '').split('\n') };
}

/** The environment of a command run against `db`: nothing from the developer's shell leaks in. */
export function cliEnv(db: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOCAL_DOMAIN: 'woolly.test',
    LOCAL_HTTPS: 'true',
    SECRET_KEY_BASE: testSecret,
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    ...extra,
  };
}

/**
 * Runs `woolly args...` in this process, in the database's data directory (so no `.env` is
 * read), with only `cliEnv(db, extra)` as its environment.
 */
export function runWoolly(
  db: TestDatabase,
  args: string[],
  extra: Record<string, string> = {},
): Promise<CliResult> {
  return runInProcess(args, cliEnv(db, extra), db.dataDir);
}

/**
 * Runs `woolly args...` in this process with `env` as its whole environment. An exception the
 * command does not handle ends it with code 1 and the error on stderr, as it ends `bin/woolly`.
 */
export async function runInProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    env,
    cwd,
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
  };
  let code: number;
  try {
    code = await main(args, io);
  } catch (error) {
    stderr += `${describe(error)}\n`;
    code = 1;
  }
  return result(code, stdout, stderr);
}

/** Runs the real `bin/woolly args...` as a child process, like `runWoolly`. */
export function runWoollyProcess(
  db: TestDatabase,
  args: string[],
  extra: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      woollyBin,
      args,
      { cwd: db.dataDir, env: cliEnv(db, extra), timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve(result(code, stdout, stderr));
      },
    );
  });
}

// node:test runs `after` hooks in the order they were added; a database must outlive the
// Woolly opened on it, so each test's clean-ups run here, last added first.
const cleanups = new WeakMap<TestContext, (() => Promise<void>)[]>();
function onEnd(t: TestContext, cleanup: () => Promise<void>): void {
  let list = cleanups.get(t);
  if (!list) {
    const created: (() => Promise<void>)[] = [];
    list = created;
    cleanups.set(t, created);
    t.after(async () => {
      for (const run of created.reverse()) await run();
    });
  }
  list.push(cleanup);
}

/** A fresh database for CLI tests, dropped when the test ends. */
export async function cliDatabase(t: TestContext, kind: DatabaseKind): Promise<TestDatabase> {
  const db = await createTestDatabase(kind);
  onEnd(t, () => db.drop());
  return db;
}

/** Woolly opened in-process on the database the CLI used, to read what the command wrote. */
export async function inspect(t: TestContext, db: TestDatabase): Promise<Woolly> {
  const woolly = await createWoolly(testConfig(db), { log: memoryLogger('error') });
  onEnd(t, () => woolly.close());
  return woolly;
}
