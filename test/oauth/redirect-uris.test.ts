import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  redirectUriAllowed,
  registrationProblems,
  withResponseParams,
} from '../../src/domain/oauth/redirect-uris.ts';

test('registration accepts absolute URIs of any scheme and the out-of-band URN', () => {
  for (const uri of [
    'https://app.example/callback',
    'http://localhost:4000/cb',
    'com.example.app:/oauth',
    'myapp://callback',
    'urn:ietf:wg:oauth:2.0:oob',
    'http://[::1]:8080/cb',
  ]) {
    assert.deepEqual(registrationProblems(uri), [], uri);
  }
  assert.deepEqual(registrationProblems('com.example.app:oauth'), ['must specify a scheme.']);
  assert.deepEqual(registrationProblems('https://'), ['must be a valid URI.']);
  assert.deepEqual(registrationProblems('data://x'), ['is forbidden by the server.']);
});

test('matching: exact, query ignored unless registered, loopback port free', () => {
  const registered = ['https://app.example/cb', 'http://127.0.0.1/native', 'x.app:/q?mode=1'];
  const cases: [string, boolean][] = [
    ['https://app.example/cb', true],
    ['HTTPS://APP.EXAMPLE/cb', true],
    ['https://app.example:443/cb', true],
    ['https://app.example/cb?extra=1', true],
    ['https://app.example/cb/', false],
    ['https://app.example/CB', false],
    ['http://app.example/cb', false],
    ['https://app.example/cb#frag', false],
    ['https://app.example.evil/cb', false],
    ['http://127.0.0.1:51234/native', true],
    ['http://localhost:51234/native', false],
    ['x.app:/q?mode=1', true],
    ['x.app:/q?mode=2', false],
    ['x.app:/q', false],
    ['urn:ietf:wg:oauth:2.0:oob', false],
  ];
  for (const [uri, allowed] of cases) {
    assert.equal(redirectUriAllowed(uri, registered), allowed, uri);
  }
  assert.equal(
    redirectUriAllowed('urn:ietf:wg:oauth:2.0:oob', ['urn:ietf:wg:oauth:2.0:oob']),
    true,
  );
});

test('the code is added to the query the app registered, or put in the fragment', () => {
  assert.equal(
    withResponseParams('x.app:/q?mode=1', { code: 'abc', state: 'a b&c' }),
    'x.app:/q?mode=1&code=abc&state=a+b%26c',
  );
  assert.equal(
    withResponseParams('https://app.example/cb', { code: 'abc', state: null }, 'fragment'),
    'https://app.example/cb#code=abc',
  );
});
