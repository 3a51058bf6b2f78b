/**
 * Durability across kill -9: a real Woolly process accepts a job and is killed with SIGKILL
 * before the job finishes; a new process on the same database runs it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { forEachDatabase, testConfig, testSecret } from '../helpers/woolly.ts';
import { openDatabase } from '../../src/db/open.ts';

const script = new URL('../helpers/job-process.ts', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startProcess(t: TestContext, db: TestDatabase, mode: string, marker: string) {
  const child = spawn(process.execPath, [script, mode, marker], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOCAL_DOMAIN: 'woolly.test',
      SECRET_KEY_BASE: testSecret,
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A failed assertion must not leave the process running (the file would hang).
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLine = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = stdout.split('\n').find((l) => l.startsWith(prefix));
        if (line !== undefined) resolve(line);
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        check();
      });
      void exited.then(() => reject(new Error(`the ${mode} process exited early:\n${stderr}`)));
      setTimeout(
        () => reject(new Error(`no "${prefix}" from ${mode} within 60 s:\n${stderr}`)),
        60_000,
      ).unref();
    });
  return { child, exited, waitForLine };
}

async function kill9(child: ChildProcess, exited: Promise<number | null>) {
  child.kill('SIGKILL');
  await exited;
  assert.equal(child.signalCode, 'SIGKILL');
}

async function jobsLeft(db: TestDatabase): Promise<number> {
  const conn = openDatabase(testConfig(db));
  try {
    const row = await conn.get<{ n: number }>('SELECT COUNT(*) AS n FROM jobs');
    return Number(row?.n);
  } finally {
    await conn.close();
  }
}

forEachDatabase((kind) => {
  test('a job accepted by a process killed with SIGKILL runs after restart', async (t) => {
    const db = await createTestDatabase(kind);
    t.after(() => db.drop());
    const marker = join(db.dataDir, 'job-ran');

    const first = await startProcess(t, db, 'accept', marker);
    const accepted = await first.waitForLine('accepted ');
    await kill9(first.child, first.exited);
    assert.equal(existsSync(marker), false);
    assert.equal(await jobsLeft(db), 1, `${accepted} is stored`);

    const second = await startProcess(t, db, 'work', marker);
    await second.waitForLine('ran');
    assert.equal(await second.exited, 0);
    assert.match(readFileSync(marker, 'utf8'), new RegExp(`ran in process ${second.child.pid}`));
    assert.equal(await jobsLeft(db), 0);
  });

  test('a job running in a process killed with SIGKILL is taken over after restart', async (t) => {
    const db = await createTestDatabase(kind);
    t.after(() => db.drop());
    const marker = join(db.dataDir, 'job-ran');

    const first = await startProcess(t, db, 'hang', marker);
    await first.waitForLine('started');
    await kill9(first.child, first.exited);
    assert.equal(existsSync(marker), false);

    const second = await startProcess(t, db, 'work', marker);
    await second.waitForLine('ran');
    assert.equal(await second.exited, 0);
    assert.equal(await jobsLeft(db), 0);
  });
});
