import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfig, parseEnvVars } from '../../src/config/load.ts';
import { checkedTestOptions, parseTestHosts } from '../../src/federation/test-network.ts';

test('the test-only federation options are refused in production', () => {
  const loader = async (url: string) => ({ contextUrl: null, documentUrl: url, document: {} });
  const hosts = { 'a.test': { address: '127.0.0.2', port: 8443 } };
  for (const options of [{ allowPrivateAddress: true }, { documentLoader: loader }, { hosts }]) {
    assert.throws(
      () => checkedTestOptions({ env: 'production' }, options),
      /refused when NODE_ENV=production/,
    );
    assert.ok(checkedTestOptions({ env: 'test' }, options));
    assert.ok(checkedTestOptions({ env: 'development' }, options));
  }
  // A host map lets Fedify reach the private addresses it names.
  assert.equal(checkedTestOptions({ env: 'test' }, { hosts })?.allowPrivateAddress, true);
  // Nothing asked for is nothing to refuse.
  assert.equal(checkedTestOptions({ env: 'production' }, {}), undefined);
  assert.equal(checkedTestOptions({ env: 'production' }, { hosts: {} }), undefined);
  assert.equal(checkedTestOptions({ env: 'production' }, undefined), undefined);
});

test('FEDERATION_TEST_HOSTS maps names to addresses, with or without a port', () => {
  assert.deepEqual(parseTestHosts('a.test=127.0.0.2:8443, B.test=127.0.0.3'), {
    'a.test': { address: '127.0.0.2', port: 8443 },
    'b.test': { address: '127.0.0.3', port: null },
  });
  assert.deepEqual(parseTestHosts('v6.test=[::1]:9000'), {
    'v6.test': { address: '::1', port: 9000 },
  });
  for (const bad of ['a.test', 'a.test=example.com', 'a.test=127.0.0.2:99999', '=127.0.0.2']) {
    assert.throws(() => parseTestHosts(bad), /expected host=address\[:port\]/);
  }
});

test('FEDERATION_TEST_HOSTS stops a production start, naming the variable', () => {
  const env = {
    LOCAL_DOMAIN: 'a.test',
    SECRET_KEY_BASE: 'a'.repeat(128),
    DATABASE_URL: 'sqlite:///:memory:',
    FEDERATION_TEST_HOSTS: 'a.test=127.0.0.2:8443',
  };
  assert.throws(
    () => buildConfig(parseEnvVars({ ...env, NODE_ENV: 'production' }), '/tmp'),
    /FEDERATION_TEST_HOSTS: refused when NODE_ENV=production/,
  );
  const config = buildConfig(parseEnvVars({ ...env, NODE_ENV: 'test' }), '/tmp');
  assert.equal(config.federationTestHosts, 'a.test=127.0.0.2:8443');
  assert.throws(
    () => parseEnvVars({ ...env, NODE_ENV: 'test', FEDERATION_TEST_HOSTS: 'a.test' }),
    /FEDERATION_TEST_HOSTS/,
  );
});
