import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliDatabase, runWoolly, runWoollyProcess } from '../helpers/cli.ts';
import { forEachDatabase, testSecret } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('config check prints the effective configuration with secrets masked', async (t) => {
    const db = await cliDatabase(t, kind);
    const run = await runWoolly(db, ['config', 'check'], {
      SMTP_SERVER: 'mail.example.com',
      SMTP_LOGIN: 'mailer',
      SMTP_PASSWORD: 'hunter2-and-more',
      PORT: '4321',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.lines.includes('LOCAL_DOMAIN: woolly.test'));
    assert.ok(run.lines.includes('base_url: https://woolly.test'));
    assert.ok(run.lines.includes('PORT: 4321'));
    assert.ok(run.lines.includes('SECRET_KEY_BASE: aaaa****'));
    assert.ok(run.lines.includes('  host: mail.example.com'));
    assert.ok(run.lines.includes('  password: hunt****'));
    assert.ok(run.lines.includes(`  kind: ${kind}`));
    assert.ok(!run.stdout.includes(testSecret), 'the secret key is not printed');
    assert.ok(!run.stdout.includes('hunter2-and-more'), 'the SMTP password is not printed');
    assert.match(
      run.lines.at(-1)!,
      kind === 'postgres'
        ? /^database check: PostgreSQL answers$/
        : /^database check: the SQLite file/,
    );
  });

  test('config check names a bad variable and exits 1', async (t) => {
    const db = await cliDatabase(t, kind);
    const run = await runWoolly(db, ['config', 'check'], { PORT: 'eighty', LOG_LEVEL: 'loud' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /configuration is invalid/);
    assert.match(run.stderr, /PORT: .*got "eighty"/);
    assert.match(run.stderr, /LOG_LEVEL: .*got "loud"/);
  });
});

test('config check fails when PostgreSQL does not answer', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const run = await runWoolly(db, ['config', 'check'], {
    DATABASE_URL: 'postgres://woolly@127.0.0.1:1/nowhere',
  });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /url: postgres:\/\/woolly@127\.0\.0\.1:1\/nowhere/);
  assert.match(run.stderr, /the PostgreSQL database does not answer/);
});

test('secrets generate prints a new SECRET_KEY_BASE line each time', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const first = await runWoolly(db, ['secrets', 'generate']);
  const second = await runWoolly(db, ['secrets', 'generate']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^SECRET_KEY_BASE=[0-9a-f]{128}\n$/);
  assert.notEqual(first.stdout, second.stdout);
  const wrong = await runWoolly(db, ['secrets', 'rotate']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /unknown secrets action "rotate"/);
});

// Through the real bin/woolly: the exit status an operator's shell sees.
test('an unknown command lists the commands and exits 2', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const run = await runWoollyProcess(db, ['frobnicate']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown command "frobnicate"/);
  for (const name of ['start', 'db', 'accounts', 'settings', 'secrets', 'config', 'setup']) {
    assert.match(run.stderr, new RegExp(`\\n  ${name} +\\S`));
  }
});
