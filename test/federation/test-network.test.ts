import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedTestOptions } from '../../src/federation/test-network.ts';

test('the test-only federation options are refused in production', () => {
  const loader = async (url: string) => ({ contextUrl: null, documentUrl: url, document: {} });
  for (const options of [{ allowPrivateAddress: true }, { documentLoader: loader }]) {
    assert.throws(
      () => checkedTestOptions({ env: 'production' }, options),
      /refused when NODE_ENV=production/,
    );
    assert.equal(checkedTestOptions({ env: 'test' }, options), options);
    assert.equal(checkedTestOptions({ env: 'development' }, options), options);
  }
  // Nothing asked for is nothing to refuse.
  assert.equal(checkedTestOptions({ env: 'production' }, {}), undefined);
  assert.equal(checkedTestOptions({ env: 'production' }, undefined), undefined);
});
