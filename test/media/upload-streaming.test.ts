/**
 * Uploads are streamed to a temporary file, not held in memory: a file over the largest limit
 * is refused at that byte with Mastodon's 422, a body declared larger than any upload with a
 * 413 before it is read, a broken multipart body with a 400; each leaves no temporary file,
 * no stored file and no row. A good upload goes through both endpoints from its file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { jpeg, png } from './samples.ts';
import { getMedia, runMediaJobs, upload } from './upload.ts';

const mib = 1024 * 1024;

forEachDatabase((kind) => {
  test('uploads stream to a temporary file; over-limit and broken bodies leave nothing', async (t) => {
    // This process's temporary files go to a directory of their own, to be checked empty.
    const previous = process.env.TMPDIR;
    const temp = mkdtempSync(join(tmpdir(), 'woolly-upload-test-'));
    process.env.TMPDIR = temp;
    t.after(() => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    });
    const w = await startTestWoolly(t, kind, {
      MAX_IMAGE_SIZE: String(mib),
      MAX_VIDEO_SIZE: String(2 * mib),
    });
    const { token } = await makeUserWithToken(w.deps);
    const mediaTemps = () =>
      readdirSync(temp).filter((name) => /^woolly-(upload|media)-/.test(name));
    const nothingLeft = async () => {
      assert.deepEqual(mediaTemps(), []);
      assert.deepEqual(await w.deps.media.storage.list('', { limit: 10 }), []);
      assert.equal(await countRows(w, 'media_attachments'), 0);
    };

    // 2.5 MiB: past the largest limit (video, 2 MiB) but within the body allowance.
    const tooLong = await upload(w, token, Buffer.alloc(2.5 * mib, 7), { version: 2 });
    assert.equal(tooLong.status, 422);
    assert.equal(tooLong.body.error, 'Validation failed: File file size must be less than 2 MB');
    await nothingLeft();

    // A thumbnail is an image: over the image limit (1 MiB), refused before it is read.
    const bigThumbnail = await upload(w, token, await jpeg(64, 64), {
      thumbnail: Buffer.alloc(1.5 * mib, 7),
    });
    assert.equal(bigThumbnail.status, 422);
    assert.equal(
      bigThumbnail.body.error,
      'Validation failed: File file size must be less than 1 MB',
    );
    await nothingLeft();

    const declared = await w.request('/api/v2/media', {
      method: 'POST',
      token,
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(10 * mib),
      },
      body: '--x\r\n',
    });
    assert.equal(declared.status, 413);
    assert.deepEqual(await declared.json(), { error: 'Request Entity Too Large' });

    const broken = await w.request('/api/v1/media', {
      method: 'POST',
      token,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
    });
    assert.equal(broken.status, 400);
    await nothingLeft();

    // A good upload, either way, from its temporary file.
    const photo = await jpeg(320, 240);
    const now = await upload(w, token, photo, { fields: { description: 'a photo' } });
    assert.equal(now.status, 200);
    assert.equal(now.body.description, 'a photo');
    assert.equal(now.body.meta?.original?.width, 320);
    const later = await upload(w, token, photo, { version: 2 });
    assert.equal(later.status, 202);
    await runMediaJobs(w);
    const processed = await getMedia(w, token, later.body.id);
    assert.equal(processed.status, 200);
    assert.equal(processed.body.url, now.body.url, 'the same file, stored once');

    // PUT with a new thumbnail, multipart as apps send it, streamed the same way.
    const form = new FormData();
    form.set('thumbnail', new Blob([new Uint8Array(await png(200, 100))]), 'thumb.png');
    form.set('description', 'with a thumbnail');
    const put = await w.request(`/api/v1/media/${now.body.id}`, {
      method: 'PUT',
      token,
      body: form,
    });
    assert.equal(put.status, 200);
    const changed = (await put.json()) as { description: string; preview_url: string };
    assert.equal(changed.description, 'with a thumbnail');
    assert.notEqual(changed.preview_url, now.body.preview_url);
    assert.deepEqual(mediaTemps(), []);
  });
});
