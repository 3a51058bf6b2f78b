/**
 * What an idle `woolly start` has not loaded: the libraries that only some requests, jobs or
 * settings need are imported on first use (bench/idle-rss.ts measures what that saves). One
 * real `bin/woolly start` on SQLite, without Redis, S3 or SMTP, recording its modules from the
 * start until it has answered GET /health.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cliEnv, woollyBin } from '../helpers/cli.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { freePort } from '../helpers/listening.ts';

const recorder = fileURLToPath(new URL('./record-modules.ts', import.meta.url));

/** Packages an idle instance must not have loaded, with what loads each. */
const lazy: Record<string, string> = {
  '@fedify/fedify': 'the first federation request, job or event (federation/on-demand.ts)',
  '@fedify/vocab': 'Fedify',
  '@fedify/vocab-runtime': 'Fedify, or the first remote media fetch',
  undici: 'Fedify, or the test-only host map',
  ioredis: 'REDIS_URL',
  bullmq: 'REDIS_URL',
  pg: 'a PostgreSQL DATABASE_URL',
  '@aws-sdk/client-s3': 'S3_ENABLED',
  nodemailer: 'the first mail',
  'web-push': 'the first push delivery',
  'sanitize-html': 'the first oEmbed player',
  parse5: 'the first remote post or web page read as text',
  '@node-rs/argon2': 'the first password hashed or checked',
  sharp: 'the first upload',
  'file-type': 'the first upload',
  blurhash: 'the first upload',
};

const packageOf = (url: string) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? null;

test('an idle woolly start has loaded none of the libraries it loads on first use', async (t) => {
  const db = await createTestDatabase('sqlite');
  t.after(() => db.drop());
  const port = await freePort();
  const out = join(db.dataDir, 'modules.txt');
  const child = spawn(woollyBin, ['start'], {
    cwd: db.dataDir,
    env: cliEnv(db, {
      NODE_ENV: 'production',
      LOCAL_DOMAIN: `localhost:${port}`,
      LOCAL_HTTPS: 'false',
      BIND: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: `--import ${recorder}`,
      WOOLLY_MODULES_OUT: out,
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/health`).then(
      async (res) => (await res.arrayBuffer(), res.status),
      () => 0,
    );
    if (status === 200) break;
    assert.equal(child.exitCode, null, `woolly start exited:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);

  const packages = new Set(readFileSync(out, 'utf8').split('\n').map(packageOf));
  assert.ok(packages.has('hono'), 'the recorder saw the modules of the running server');
  const loaded = Object.entries(lazy)
    .filter(([name]) => packages.has(name))
    .map(([name, when]) => `${name} (should wait for ${when})`);
  assert.deepEqual(loaded, []);
});
