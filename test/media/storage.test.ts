/**
 * The two storage drivers against real stores: a local directory and an S3-protocol server
 * (s3rver) on loopback. Then whole uploads through Woolly on S3, on both databases: the URLs
 * point at the bucket, identical files are stored once, and refused credentials fail the
 * upload with nothing left behind.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { buildConfig, parseEnvVars } from '../../src/config/load.ts';
import type { S3Config } from '../../src/config/schema.ts';
import type { MediaStorage } from '../../src/domain/media-attachments/ports.ts';
import { fsStorage } from '../../src/media/storage/fs.ts';
import { s3Storage } from '../../src/media/storage/s3.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { jpeg } from './samples.ts';
import { s3Env, startS3, type TestS3 } from './s3-server.ts';
import { runMediaJobs, upload } from './upload.ts';

function s3Config(s3: TestS3, env: Record<string, string> = {}): S3Config {
  const config = buildConfig(
    parseEnvVars({ SECRET_KEY_BASE: 'a'.repeat(64), ...s3Env(s3, env) }),
    tmpdir(),
  );
  assert.equal(config.media.storage.kind, 's3');
  return config.media.storage as S3Config;
}

/** Every object in the s3rver bucket's directory (its metadata files left out). */
function bucketObjects(s3: TestS3): string[] {
  const root = join(s3.directory, s3.bucket);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('._S3rver_object'))
    .map((e) => join(e.parentPath, e.name));
}

function driverContract(name: string, make: (t: TestContext) => Promise<MediaStorage>) {
  describe(name, () => {
    test('put, get, exists and delete', async (t) => {
      const storage = await make(t);
      const key = 'media/ab/cd/abcdef.png';
      assert.equal(await storage.exists(key), false);
      assert.equal(await storage.get(key), null);
      await storage.put(key, Buffer.from('png bytes'), 'image/png');
      assert.equal(await storage.exists(key), true);
      const file = await storage.get(key);
      assert.equal(file?.body.toString(), 'png bytes');
      assert.equal(file?.contentType, 'image/png');
      await storage.delete(key);
      assert.equal(await storage.exists(key), false);
      await storage.delete(key); // a missing file is not an error
    });

    test('read streams a file or a byte range; list pages through keys in order', async (t) => {
      const storage = await make(t);
      const body = Buffer.from('0123456789abcdef');
      const keys = [
        'media/00/11/a.png',
        'media/00/11/b.png',
        'media/00/22/c.png',
        'media/ff/00/d.png',
      ];
      for (const key of keys) await storage.put(key, body, 'image/png');
      const whole = await storage.read(keys[0]!);
      assert.equal(whole?.size, 16);
      assert.equal(
        Buffer.from(await new Response(whole!.body).arrayBuffer()).toString(),
        '0123456789abcdef',
      );
      const part = await storage.read(keys[0]!, { start: 4, end: 7 });
      assert.equal(part?.size, 16);
      assert.equal(Buffer.from(await new Response(part!.body).arrayBuffer()).toString(), '4567');
      assert.equal(await storage.read('media/00/11/missing.png'), null);
      // Pages are walked with `after` (S3's StartAfter); s3rver fails a truncated page.
      const all = await storage.list('media/', { limit: 10 });
      assert.deepEqual(
        all.map((f) => f.key),
        keys,
      );
      assert.equal(all[0]!.size, 16);
      assert.ok(all[0]!.modifiedAt > 0);
      const rest = await storage.list('media/', { after: keys[1], limit: 10 });
      assert.deepEqual(
        rest.map((f) => f.key),
        keys.slice(2),
      );
      const one = await storage.list('media/00/22/', { limit: 10 });
      assert.deepEqual(
        one.map((f) => f.key),
        [keys[2]],
      );
    });

    test('keys that could leave the store are refused', async (t) => {
      const storage = await make(t);
      for (const key of ['../secrets.json', '/etc/passwd', 'media//x.png', 'media/../x']) {
        await assert.rejects(storage.put(key, Buffer.from('x'), 'image/png'), /invalid media/);
      }
    });
  });
}

driverContract('local directory', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'woolly-fs-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return fsStorage(root);
});

driverContract('S3 (s3rver on loopback)', async (t) => s3Storage(s3Config(await startS3(t))));

test('the local driver leaves no temporary file behind a failed write', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'woolly-fs-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const storage = fsStorage(root);
  await storage.put('media/aa/bb/one.png', Buffer.from('1'), 'image/png');
  // A directory where the file should go makes the rename fail.
  await storage.put('media/aa/bb/two.png/inner.png', Buffer.from('x'), 'image/png');
  await assert.rejects(storage.put('media/aa/bb/two.png', Buffer.from('2'), 'image/png'));
  const files = readdirSync(join(root, 'media/aa/bb'));
  assert.deepEqual(files.sort(), ['one.png', 'two.png']);
});

test('the local listing stops at the page size and resumes after the last key', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'woolly-fs-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const storage = fsStorage(root);
  const keys = ['incoming/1', 'media/00/aa/x.png', 'media/01/00/y.png', 'media/01/01/z.png'];
  for (const key of keys) await storage.put(key, Buffer.from(key), 'image/png');
  const seen: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await storage.list('', { after, limit: 3 });
    seen.push(...page.map((f) => f.key));
    if (page.length < 3) break;
    after = page.at(-1)!.key;
  }
  assert.deepEqual(seen, keys);
});

/** s3rver checks the access key id of a SigV4 request (not its signature). */
const refused = { AWS_ACCESS_KEY_ID: 'UNKNOWNKEY', AWS_SECRET_ACCESS_KEY: 'wrong' };

test('S3 with refused credentials fails', async (t) => {
  const s3 = await startS3(t);
  const storage = s3Storage(s3Config(s3, refused));
  await assert.rejects(
    storage.put('media/aa/bb/x.png', Buffer.from('x'), 'image/png'),
    /Access Key Id you provided does not exist/,
  );
  assert.deepEqual(bucketObjects(s3), []);
});

test('public URLs follow S3_ALIAS_HOST, S3_HOSTNAME and CDN_HOST', async () => {
  const { publicMediaUrl } = await import('../../src/domain/media-attachments/urls.ts');
  const config = (env: Record<string, string>) =>
    buildConfig(parseEnvVars({ SECRET_KEY_BASE: 'a'.repeat(64), ...env }), tmpdir());
  const key = 'media/ab/cd/x.png';
  assert.equal(
    publicMediaUrl(config({ LOCAL_DOMAIN: 'example.com' }), key),
    'https://example.com/system/media/ab/cd/x.png',
  );
  assert.equal(
    publicMediaUrl(config({ LOCAL_DOMAIN: 'example.com', CDN_HOST: 'https://cdn.example' }), key),
    'https://cdn.example/system/media/ab/cd/x.png',
  );
  const s3 = { S3_ENABLED: 'true', S3_BUCKET: 'files' };
  assert.equal(
    publicMediaUrl(config({ ...s3, S3_ALIAS_HOST: 'files.example.com' }), key),
    'https://files.example.com/media/ab/cd/x.png',
  );
  assert.equal(
    publicMediaUrl(config({ ...s3, S3_REGION: 'eu-west-1' }), key),
    'https://s3-eu-west-1.amazonaws.com/files/media/ab/cd/x.png',
  );
  assert.equal(
    publicMediaUrl(config({ ...s3, S3_ENDPOINT: 'https://minio.local:9000' }), key),
    'https://minio.local:9000/files/media/ab/cd/x.png',
  );
  const s3Storage = config({ ...s3, S3_PERMISSION: '' }).media.storage as S3Config;
  assert.equal(s3Storage.permission, null);
  assert.equal((config(s3).media.storage as S3Config).permission, 'public-read');
  assert.throws(() => config({ S3_ENABLED: 'true' }), /S3_BUCKET/);
});

forEachDatabase((kind) => {
  test('uploads go to the bucket, stored once, served from its URL', async (t) => {
    const s3 = await startS3(t);
    const w = await startTestWoolly(t, kind, s3Env(s3));
    const { token } = await makeUserWithToken(w.deps);
    const image = await jpeg(640, 480);
    const first = await upload(w, token, image);
    assert.equal(first.status, 200);
    assert.ok(first.body.url!.startsWith(`${s3.endpoint}/${s3.bucket}/media/`));
    const fetched = await fetch(first.body.url!);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.headers.get('content-type'), 'image/jpeg');
    const second = await upload(w, token, image, { version: 2 });
    assert.equal(second.status, 202);
    await runMediaJobs(w);
    const ready = await w.request(`/api/v1/media/${second.body.id}`, { token });
    assert.equal(((await ready.json()) as { url: string }).url, first.body.url);
    // Original and preview, each once; the incoming copy of the v2 upload is gone.
    assert.equal(bucketObjects(s3).length, 2);
  });

  test('refused S3 credentials fail the upload and leave nothing', async (t) => {
    const s3 = await startS3(t);
    const w = await startTestWoolly(t, kind, s3Env(s3, refused));
    const { token } = await makeUserWithToken(w.deps);
    for (const version of [1, 2] as const) {
      const sent = await upload(w, token, await jpeg(64, 64), { version });
      assert.equal(sent.status, 500);
      assert.equal(sent.body.error, 'Error processing thumbnail for uploaded media');
    }
    assert.deepEqual(bucketObjects(s3), []);
    const rows = await w.deps.db.all('SELECT id FROM media_attachments');
    assert.equal(rows.length, 0);
  });
});
