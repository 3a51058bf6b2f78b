import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, describeConfig, loadConfig, parseEnvVars } from '../../src/config/load.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'woolly-config-'));

test('the embedded default needs no configuration: SQLite and secrets under ./data', () => {
  const cwd = tmp();
  const config = loadConfig({ env: {}, cwd });
  assert.equal(config.database.kind, 'sqlite');
  assert.equal(
    config.database.kind === 'sqlite' && config.database.path,
    join(cwd, 'data', 'woolly.sqlite'),
  );
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.port, 3000);
  const secrets = join(cwd, 'data', 'secrets.json');
  assert.ok(existsSync(secrets));
  assert.equal(statSync(secrets).mode & 0o777, 0o600);
  // The second start keeps the same secret.
  assert.equal(loadConfig({ env: {}, cwd }).secretKeyBase, config.secretKeyBase);
  assert.equal(JSON.parse(readFileSync(secrets, 'utf8')).SECRET_KEY_BASE, config.secretKeyBase);
});

test('Mastodon variable names are read, with https for real domains', () => {
  const config = loadConfig({
    env: {
      LOCAL_DOMAIN: 'example.com',
      WEB_DOMAIN: 'social.example.com',
      ALTERNATE_DOMAINS: 'a.example, b.example',
      SECRET_KEY_BASE: 'f'.repeat(128),
      DB_HOST: 'db.internal',
      DB_USER: 'woolly',
      DB_NAME: 'woolly_production',
      DB_PASS: 's3cret',
      SMTP_SERVER: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_LOGIN: 'me',
      SMTP_PASSWORD: 'pw',
      SINGLE_USER_MODE: 'true',
    },
    cwd: tmp(),
    envFile: false,
  });
  assert.equal(config.baseUrl, 'https://social.example.com');
  assert.deepEqual(config.alternateDomains, ['a.example', 'b.example']);
  assert.equal(config.database.kind, 'postgres');
  assert.match(
    config.database.kind === 'postgres' ? config.database.url : '',
    /^postgres:\/\/woolly:s3cret@db\.internal:5432\/woolly_production$/,
  );
  assert.equal(config.smtp?.port, 465);
  assert.equal(config.singleUserMode, true);
  assert.equal(config.streamingUrl, 'wss://social.example.com');
});

test('the environment wins over .env, which wins over defaults', () => {
  const cwd = tmp();
  writeFileSync(join(cwd, '.env'), 'PORT=4000\nLOCAL_DOMAIN=from-file.example\n');
  const config = loadConfig({ env: { PORT: '5000' }, cwd });
  assert.equal(config.port, 5000);
  assert.equal(config.localDomain, 'from-file.example');
});

test('a bad value stops startup naming the variable and what was expected', () => {
  assert.throws(
    () =>
      parseEnvVars({
        PORT: 'abc',
        LOCAL_DOMAIN: 'https://example.com/',
        DATABASE_URL: 'mysql://x',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      assert.match(text, /PORT: expected a port number, got "abc"/);
      assert.match(text, /LOCAL_DOMAIN: expected a host name/);
      assert.match(text, /DATABASE_URL: expected a URL starting with postgres:\/\//);
      return true;
    },
  );
  assert.throws(
    () => parseEnvVars({ SECRET_KEY_BASE: 'short' }),
    /SECRET_KEY_BASE: expected at least 64 characters \(woolly secrets generate\), got "shor\*\*\*\*"/,
  );
});

test('config check masks secrets', () => {
  const config = loadConfig({
    env: {
      SECRET_KEY_BASE: 'abcd'.repeat(32),
      DATABASE_URL: 'postgres://u:hunter2@h/db',
      SMTP_SERVER: 'smtp',
      SMTP_PASSWORD: 'mailpass',
    },
    cwd: tmp(),
    envFile: false,
  });
  const text = JSON.stringify(describeConfig(config));
  assert.ok(!text.includes('hunter2'));
  assert.ok(!text.includes('mailpass'));
  assert.ok(!text.includes('abcdabcdabcd'));
  assert.match(text, /abcd\*\*\*\*/);
});
