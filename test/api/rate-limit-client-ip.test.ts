/**
 * Whose address a request counts against: X-Forwarded-For is believed only from a trusted
 * proxy (TRUSTED_PROXY_IP, else loopback and private ranges, as Rails), and then its
 * right-most address that is not a proxy. Real sockets from distinct loopback addresses play
 * the trusted proxy and an untrusted peer. Storage-independent: SQLite only.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { addressMatcher, resolveClientIp } from '../../src/api/client-ip.ts';
import { makeAppToken } from '../helpers/factories.ts';
import { startListeningWoolly } from '../helpers/listening.ts';

test('the client address behind trusted and untrusted peers', () => {
  const trust = addressMatcher(['10.0.0.0/8', '192.0.2.1']);
  const resolve = (peer: string | null, xff?: string) => resolveClientIp(peer, xff, trust);
  assert.equal(resolve('198.51.100.1', '203.0.113.9'), '198.51.100.1', 'untrusted peer');
  assert.equal(resolve('192.0.2.1', '203.0.113.9'), '203.0.113.9', 'trusted proxy');
  assert.equal(resolve('::ffff:192.0.2.1', '203.0.113.9'), '203.0.113.9', 'IPv4-mapped');
  // A client may write anything on the left; the proxies append on the right.
  assert.equal(resolve('10.1.2.3', '1.1.1.1, 203.0.113.9, 10.0.0.7'), '203.0.113.9');
  assert.equal(resolve('10.1.2.3', 'not-an-ip, 10.0.0.7'), '10.0.0.7', 'only proxies');
  assert.equal(resolve('10.1.2.3', 'garbage'), '10.1.2.3', 'nothing usable forwarded');
  assert.equal(resolve('10.1.2.3'), '10.1.2.3');
  assert.equal(resolve(null, '203.0.113.9'), '203.0.113.9', 'in-process requests');
  assert.equal(resolve(null), null);
  assert.throws(() => addressMatcher(['10.0.0.0/33']), /TRUSTED_PROXY_IP: "10.0.0.0\/33"/);
  assert.throws(() => addressMatcher(['proxy.example']), /not an IP address or CIDR range/);
});

/** POST /api/v1/accounts from local address `from`, saying it forwards for `forwardedFor`. */
function signUp(base: string, token: string, from: string, forwardedFor: string) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      `${base}/api/v1/accounts`,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-forwarded-for': forwardedFor,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

test('X-Forwarded-For counts only from TRUSTED_PROXY_IP', async (t) => {
  const w = await startListeningWoolly(t, 'sqlite', {
    RATE_LIMITS: 'true',
    TRUSTED_PROXY_IP: '127.0.0.2',
  });
  const { token } = await makeAppToken(w.deps);
  // The proxy forwards for six different clients: each has its own count (5 sign-ups).
  for (let i = 1; i <= 6; i++) {
    assert.equal(await signUp(w.base, token, '127.0.0.2', `203.0.113.${i}`), 422);
  }
  // An untrusted peer's X-Forwarded-For is ignored: it is counted as itself.
  for (let i = 1; i <= 5; i++) {
    assert.equal(await signUp(w.base, token, '127.0.0.3', `203.0.113.${i + 10}`), 422);
  }
  assert.equal(await signUp(w.base, token, '127.0.0.3', '203.0.113.99'), 429);
  // ... and its forged address did not use up that client's count.
  assert.equal(await signUp(w.base, token, '127.0.0.2', '203.0.113.11'), 422);
});
