/**
 * The VAPID key pair: generated into DATA_DIR/secrets.json on the first start and kept there,
 * beside SECRET_KEY_BASE; VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY win when set.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'woolly-vapid-'));

test('generated on first start, kept in secrets.json, the same on the next start', () => {
  const cwd = tmp();
  const first = loadConfig({ env: {}, cwd, envFile: false });
  assert.match(first.vapid.publicKey, /^B[A-Za-z0-9_-]{86}$/);
  assert.match(first.vapid.privateKey, /^[A-Za-z0-9_-]{43}$/);
  const path = join(cwd, 'data', 'secrets.json');
  const secrets = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  assert.equal(secrets.VAPID_PUBLIC_KEY, first.vapid.publicKey);
  assert.equal(secrets.SECRET_KEY_BASE, first.secretKeyBase, 'the other secrets are kept');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(loadConfig({ env: {}, cwd, envFile: false }).vapid, first.vapid);
});

test('the environment wins', () => {
  const config = loadConfig({
    env: { VAPID_PUBLIC_KEY: 'BPublic', VAPID_PRIVATE_KEY: 'private' },
    cwd: tmp(),
    envFile: false,
  });
  assert.deepEqual(config.vapid, { publicKey: 'BPublic', privateKey: 'private' });
});
