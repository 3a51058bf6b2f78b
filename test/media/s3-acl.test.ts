/**
 * Which ACL the S3 driver sends, read from the requests themselves (s3rver ignores ACLs): the
 * configured one for served files, none for an upload waiting for processing (it still
 * carries its EXIF and GPS data), and none at all with `S3_PERMISSION=` (R2).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import type { S3Config } from '../../src/config/schema.ts';
import { s3Storage } from '../../src/media/storage/s3.ts';

/** A loopback server that answers every PUT like S3 and records its ACL header. */
async function recordingStore(t: TestContext) {
  const acls = new Map<string, string | null>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      acls.set(
        new URL(req.url ?? '/', 'http://store').pathname,
        (req.headers['x-amz-acl'] as string | undefined) ?? null,
      );
      res.writeHead(200, { ETag: '"0"' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { acls, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const config = (endpoint: string, permission: string | null): S3Config => ({
  kind: 's3',
  bucket: 'files',
  region: 'us-east-1',
  endpoint,
  publicOrigin: endpoint,
  bucketInPath: true,
  permission,
  forcePathStyle: true,
  accessKeyId: 'key',
  secretAccessKey: 'secret',
  openTimeoutMs: 5000,
  readTimeoutMs: 5000,
});

test('served files get the configured ACL, pending uploads none', async (t) => {
  const store = await recordingStore(t);
  const storage = s3Storage(config(store.endpoint, 'public-read'));
  await storage.put('media/aa/bb/x.png', Buffer.from('x'), 'image/png');
  await storage.put('incoming/1', Buffer.from('y'), 'image/png', { private: true });
  assert.equal(store.acls.get('/files/media/aa/bb/x.png'), 'public-read');
  assert.equal(store.acls.get('/files/incoming/1'), null);
});

test('an empty S3_PERMISSION sends no ACL', async (t) => {
  const store = await recordingStore(t);
  const storage = s3Storage(config(store.endpoint, null));
  await storage.put('media/aa/bb/x.png', Buffer.from('x'), 'image/png');
  assert.equal(store.acls.get('/files/media/aa/bb/x.png'), null);
});
