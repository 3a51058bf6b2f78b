/**
 * Image uploads through both API versions on both databases: the MediaAttachment JSON, the
 * files served back, orientation and metadata, and every kind of bad input (nothing stored).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { jpeg, noisyPng, png, pngBomb } from './samples.ts';
import { getMedia, pathOf, runMediaJobs, upload } from './upload.ts';

/** Every file under the media directory (incoming uploads included). */
function storedFiles(w: TestWoolly): string[] {
  const root = join(w.config.dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

async function fetchImage(w: TestWoolly, url: string) {
  const res = await w.request(pathOf(url));
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, meta: await sharp(bytes).metadata() };
}

forEachDatabase((kind) => {
  test('POST /api/v1/media processes a JPEG before answering', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const { status, body } = await upload(w, token, await jpeg(640, 480), {
      type: 'image/jpeg',
      name: 'photo.jpg',
      fields: { description: 'A gradient', focus: '-0.5,0.25' },
    });
    assert.equal(status, 200);
    assertEntity(body, 'MediaAttachment');
    assert.deepEqual(Object.keys(body), [
      'id',
      'type',
      'url',
      'preview_url',
      'remote_url',
      'preview_remote_url',
      'meta',
      'description',
      'blurhash',
    ]);
    assert.equal(body.type, 'image');
    assert.match(body.url!, /^https:\/\/woolly\.test\/system\/media\/[0-9a-f/]+\.jpeg$/);
    assert.match(body.preview_url!, /^https:\/\/woolly\.test\/system\/media\/[0-9a-f/]+\.jpeg$/);
    assert.notEqual(body.url, body.preview_url);
    assert.equal(body.remote_url, null);
    assert.equal(body.description, 'A gradient');
    assert.deepEqual(body.meta, {
      focus: { x: -0.5, y: 0.25 },
      original: { width: 640, height: 480, size: '640x480', aspect: 640 / 480 },
      small: { width: 554, height: 415, size: '554x415', aspect: 554 / 415 },
    });
    assert.match(body.blurhash!, /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{36}$/);

    const original = await fetchImage(w, body.url!);
    assert.equal(original.res.headers.get('content-type'), 'image/jpeg');
    assert.match(original.res.headers.get('cache-control')!, /immutable/);
    assert.equal(original.meta.width, 640);
    const small = await fetchImage(w, body.preview_url!);
    assert.equal(small.meta.width, 554);
  });

  test('the served file answers range requests and conditional requests', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const { body } = await upload(w, token, await png());
    const whole = Buffer.from(await (await w.request(pathOf(body.url!))).arrayBuffer());
    const part = await w.request(pathOf(body.url!), { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 10-19/${whole.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(10, 20));
    const tail = await w.request(pathOf(body.url!), { headers: { range: 'bytes=-5' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), whole.subarray(whole.length - 5));
    const beyond = await w.request(pathOf(body.url!), {
      headers: { range: `bytes=${whole.length + 10}-` },
    });
    assert.equal(beyond.status, 416);
    const etag = part.headers.get('etag')!;
    const again = await w.request(pathOf(body.url!), { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await w.request('/system/incoming/1')).status, 404);
    assert.equal((await w.request('/system/media/../../secrets.json')).status, 404);
  });

  test('POST /api/v2/media answers 202 with no url, and the job makes the files', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const { status, body } = await upload(w, token, await png(300, 200), { version: 2 });
    assert.equal(status, 202);
    assertEntity(body, 'MediaAttachment');
    assert.equal(body.url, null);
    assert.equal(body.type, 'image');
    assert.deepEqual(body.meta, {});

    const pending = await getMedia(w, token, body.id);
    assert.equal(pending.status, 206);
    assert.equal(pending.body.url, null);
    // A description set while processing survives the job.
    const put = await w.request(`/api/v1/media/${body.id}`, {
      method: 'PUT',
      token,
      json: { description: 'Blue', focus: '0.1,-0.2' },
    });
    assert.equal(put.status, 206);

    await runMediaJobs(w);
    const ready = await getMedia(w, token, body.id);
    assert.equal(ready.status, 200);
    assert.match(ready.body.url!, /\.png$/);
    assert.equal(ready.body.description, 'Blue');
    assert.deepEqual(ready.body.meta.focus, { x: 0.1, y: -0.2 });
    assert.deepEqual(ready.body.meta.original, {
      width: 300,
      height: 200,
      size: '300x200',
      aspect: 1.5,
    });
    // The upload as received is gone once processed.
    assert.ok(storedFiles(w).every((f) => !f.includes('incoming')));
  });

  test('EXIF orientation is applied and the metadata stripped', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    // Orientation 6: stored 200x100, shown rotated a quarter turn, so 100x200.
    const source = await jpeg(200, 100, 6);
    assert.equal((await sharp(source).metadata()).orientation, 6);
    const { status, body } = await upload(w, token, source);
    assert.equal(status, 200);
    assert.deepEqual(body.meta.original, { width: 100, height: 200, size: '100x200', aspect: 0.5 });
    const { meta, bytes } = await fetchImage(w, body.url!);
    assert.equal(meta.width, 100);
    assert.equal(meta.height, 200);
    assert.equal(meta.orientation, undefined);
    assert.equal(meta.exif, undefined);
    assert.ok(!bytes.includes(Buffer.from('secret camera')));
  });

  test('the content type is read from the bytes, not the name or the declared type', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const lying = await upload(w, token, Buffer.from('<?php echo "hi"; ?>'.repeat(20)), {
      type: 'image/png',
      name: 'cat.png',
    });
    assert.equal(lying.status, 422);
    assert.equal(
      lying.body.error,
      'Validation failed: File content type is invalid, File is invalid',
    );
    const renamed = await upload(w, token, await png(), { type: 'image/jpeg', name: 'cat.jpg' });
    assert.equal(renamed.status, 200);
    assert.match(renamed.body.url!, /\.png$/);
  });

  test('bad files are refused with a 422 and leave nothing stored', async (t) => {
    const w = await startTestWoolly(t, kind, { MAX_IMAGE_SIZE: String(1024 * 1024) });
    const { token } = await makeUserWithToken(w.deps);
    const whole = await jpeg(640, 480);
    const truncated = await upload(w, token, whole.subarray(0, Math.floor(whole.length / 2)));
    assert.equal(truncated.status, 422);
    assert.equal(truncated.body.error, 'File type of uploaded media could not be verified');

    const bomb = await upload(w, token, pngBomb(100_000), { version: 2 });
    assert.equal(bomb.status, 422);
    assert.equal(bomb.body.error, '100000x100000 images are not supported');

    const big = await noisyPng(800, 600);
    assert.ok(big.length > 1024 * 1024);
    const tooBig = await upload(w, token, big, { version: 2 });
    assert.equal(tooBig.status, 422);
    assert.equal(tooBig.body.error, 'Validation failed: File file size must be less than 1 MB');

    const empty = await upload(w, token, Buffer.alloc(0));
    assert.equal(empty.status, 422);

    const longText = await upload(w, token, await png(), {
      fields: { description: 'x'.repeat(1501) },
    });
    assert.equal(longText.status, 422);

    assert.deepEqual(storedFiles(w), []);
    const rows = await w.deps.db.all('SELECT id FROM media_attachments');
    assert.equal(rows.length, 0);
  });

  test('identical files are stored once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const image = await jpeg(640, 480);
    const first = await upload(w, token, image);
    const second = await upload(w, token, image);
    assert.notEqual(first.body.id, second.body.id);
    assert.equal(first.body.url, second.body.url);
    assert.equal(storedFiles(w).length, 2); // one original, one preview
  });

  test('GET and PUT find only one’s own unattached uploads', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const bob = await makeUserWithToken(w.deps);
    const { body } = await upload(w, alice.token, await png());
    assert.equal((await getMedia(w, bob.token, body.id)).status, 404);
    assert.equal((await getMedia(w, alice.token, '999999')).status, 404);
    const put = await w.request(`/api/v1/media/${body.id}`, {
      method: 'PUT',
      token: alice.token,
      json: { description: 'Changed' },
    });
    assert.equal(put.status, 200);
    assert.equal(((await put.json()) as { description: string }).description, 'Changed');
  });

  test('the limits are published in /api/v2/instance', async (t) => {
    const w = await startTestWoolly(t, kind, {
      MAX_IMAGE_SIZE: '2000000',
      MAX_VIDEO_SIZE: '5000000',
      MAX_VIDEO_FRAME_RATE: '30',
    });
    const res = await w.request('/api/v2/instance');
    const body = (await res.json()) as {
      configuration: { media_attachments: Record<string, unknown> };
    };
    assert.equal(body.configuration.media_attachments.image_size_limit, 2000000);
    assert.equal(body.configuration.media_attachments.video_size_limit, 5000000);
    assert.equal(body.configuration.media_attachments.video_frame_rate_limit, 30);
  });

  test('a processing job on an upload whose file is unreadable marks it failed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const whole = await jpeg(640, 480);
    // The header is intact, so the upload is taken; the pixels are cut short.
    const { status, body } = await upload(w, token, whole.subarray(0, whole.length - 2000), {
      version: 2,
    });
    assert.equal(status, 202);
    await runMediaJobs(w);
    const failed = await getMedia(w, token, body.id);
    assert.equal(failed.status, 422);
    assert.equal(failed.body.error, 'Error processing thumbnail for uploaded media');
    assert.deepEqual(storedFiles(w), []);
  });
});
