import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { cliDatabase, cliEnv, runWoolly, woollyBin } from '../helpers/cli.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { forEachDatabase } from '../helpers/woolly.ts';

const setupLink = /https:\/\/woolly\.test\/setup\?token=[A-Za-z0-9_-]{43}/;

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs `woolly start` until `stop` is called; `line` waits for a log line matching. */
async function startWoolly(db: TestDatabase) {
  const port = await freePort();
  const child = spawn(woollyBin, ['start'], {
    cwd: db.dataDir,
    env: cliEnv(db, { PORT: String(port), BIND: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    port,
    async line(pattern: RegExp): Promise<string> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = output.split('\n').find((l) => pattern.test(l));
        if (found) return found;
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no line matching ${pattern} in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop(): Promise<number | null> {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

forEachDatabase((kind) => {
  test('woolly start on a new instance logs a one-time Owner link that works', async (t) => {
    const db = await cliDatabase(t, kind);
    const woolly = await startWoolly(db);
    t.after(() => woolly.stop());
    const line = await woolly.line(/No account exists yet/);
    const entry = JSON.parse(line) as { level: string; message: string; setup_url: string };
    assert.equal(entry.level, 'warn');
    assert.match(entry.setup_url, setupLink);
    assert.ok(entry.message.endsWith(entry.setup_url));

    const url = new URL(entry.setup_url);
    const page = await fetch(`http://127.0.0.1:${woolly.port}${url.pathname}${url.search}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Create the Owner account/);
    assert.equal(await woolly.stop(), 0, 'SIGTERM shuts down cleanly');
  });

  test('woolly setup prints a fresh link, and refuses once an account exists', async (t) => {
    const db = await cliDatabase(t, kind);
    const first = await runWoolly(db, ['setup']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.lines.at(-1)!, new RegExp(`^${setupLink.source}$`));
    const second = await runWoolly(db, ['setup']);
    assert.notEqual(second.lines.at(-1), first.lines.at(-1), 'each run makes a new link');

    await runWoolly(db, ['accounts', 'create', 'owner', '--email', 'o@example.com', '--confirmed']);
    const refused = await runWoolly(db, ['setup']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^woolly setup: this instance already has accounts/);
    assert.equal(refused.stdout, '');

    const woolly = await startWoolly(db);
    t.after(() => woolly.stop());
    await woolly.line(/Woolly is listening/);
    const url = new URL(second.lines.at(-1)!);
    const page = await fetch(`http://127.0.0.1:${woolly.port}${url.pathname}${url.search}`);
    assert.equal(page.status, 404, 'the link died when the account was created');
  });
});
