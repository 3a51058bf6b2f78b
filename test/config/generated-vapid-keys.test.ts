/**
 * The VAPID pair that the first start generates (config/load.ts, with node:crypto rather than
 * the web-push library, which is loaded only by a delivery) is one that web-push signs with
 * and that verifies against its own public key.
 */
import assert from 'node:assert/strict';
import { createECDH, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import webPush from 'web-push';
import { loadConfig } from '../../src/config/load.ts';

test('a generated VAPID pair: the private key’s own public key, and web-push signs with it', () => {
  // Several pairs, so that a scalar or coordinate with leading zero bytes is likely among them.
  for (let i = 0; i < 20; i++) {
    const cwd = mkdtempSync(join(tmpdir(), 'woolly-vapid-'));
    try {
      const { publicKey, privateKey } = loadConfig({ env: {}, cwd, envFile: false }).vapid;
      const point = Buffer.from(publicKey, 'base64url');
      assert.equal(point.length, 65);
      assert.equal(point[0], 4, 'an uncompressed point');
      assert.equal(Buffer.from(privateKey, 'base64url').length, 32);
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
      assert.deepEqual(ecdh.getPublicKey(), point);

      const headers = webPush.getVapidHeaders(
        'https://push.example',
        'https://woolly.example',
        publicKey,
        privateKey,
        'aes128gcm',
      );
      const jwt = /^vapid t=([^,]+), k=(.+)$/.exec(headers.Authorization);
      assert.ok(jwt, headers.Authorization);
      assert.equal(jwt[2], publicKey);
      const [header, claims, signature] = jwt[1]!.split('.');
      const key = createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: point.subarray(1, 33).toString('base64url'),
          y: point.subarray(33).toString('base64url'),
        },
        format: 'jwk',
      });
      const signed = verify(
        'sha256',
        Buffer.from(`${header}.${claims}`),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature!, 'base64url'),
      );
      assert.ok(signed, 'the JWT verifies with the generated public key');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
});
