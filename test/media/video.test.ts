/**
 * Video, animated GIFs and audio through ffmpeg, on both databases: transcoded to MP4 or MP3
 * by the job behind /api/v2/media, with a preview frame and Mastodon's meta. Skipped (with a
 * message) only where ffmpeg is absent; .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { animatedGif, hasFfmpeg, png, video, wav } from './samples.ts';
import { getMedia, pathOf, runMediaJobs, upload } from './upload.ts';

const skip = hasFfmpeg ? false : 'ffmpeg is not installed (apt-get install ffmpeg)';

forEachDatabase((kind) => {
  test('a video becomes H.264 MP4 with a preview frame', { skip }, async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const sent = await upload(w, token, video(), { version: 2, name: 'clip.mov' });
    assert.equal(sent.status, 202);
    assert.equal(sent.body.type, 'video');
    assert.equal(sent.body.url, null);
    await runMediaJobs(w);
    const { status, body } = await getMedia(w, token, sent.body.id);
    assert.equal(status, 200);
    assertEntity(body, 'MediaAttachment');
    assert.equal(body.type, 'video');
    assert.match(body.url!, /\.mp4$/);
    assert.match(body.preview_url!, /\.png$/);
    const original = body.meta.original!;
    assert.equal(original.width, 160);
    assert.equal(original.height, 120);
    assert.equal(original.frame_rate, '25/1');
    assert.ok(Math.abs(original.duration! - 1) < 0.2, `duration ${original.duration}`);
    assert.ok(original.bitrate! > 0);
    assert.deepEqual(body.meta.small, { width: 160, height: 120, size: '160x120', aspect: 4 / 3 });
    assert.equal(typeof body.blurhash, 'string');
    const file = await w.request(pathOf(body.url!));
    assert.equal(file.headers.get('content-type'), 'video/mp4');
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.equal(bytes.subarray(4, 8).toString('latin1'), 'ftyp');
    const preview = await w.request(pathOf(body.preview_url!));
    const still = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
    assert.equal(still.width, 160);
  });

  test('POST /api/v1/media transcodes before answering', { skip }, async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const { status, body } = await upload(w, token, video(), {
      thumbnail: await png(64, 48),
    });
    assert.equal(status, 200);
    assert.match(body.url!, /\.mp4$/);
    // The custom thumbnail is the preview.
    const preview = await w.request(pathOf(body.preview_url!));
    const still = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
    assert.equal(still.width, 64);
  });

  test('an animated GIF becomes a gifv MP4 without sound', { skip }, async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const gif = animatedGif();
    const sent = await upload(w, token, gif, { version: 2, type: 'image/gif' });
    assert.equal(sent.status, 202);
    await runMediaJobs(w);
    const { body } = await getMedia(w, token, sent.body.id);
    assert.equal(body.type, 'gifv');
    assert.match(body.url!, /\.mp4$/);
    assert.equal(body.meta.original!.width, 120);
  });

  test('audio becomes MP3 with its duration', { skip }, async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const sent = await upload(w, token, wav(), { version: 2, type: 'audio/wav' });
    assert.equal(sent.status, 202);
    assert.equal(sent.body.type, 'audio');
    await runMediaJobs(w);
    const { body } = await getMedia(w, token, sent.body.id);
    assert.equal(body.type, 'audio');
    assert.match(body.url!, /\.mp3$/);
    assert.equal(body.preview_url, null);
    assert.ok(Math.abs(body.meta.original!.duration! - 1) < 0.2);
    assert.equal(body.meta.original!.width, undefined);
  });

  test('video over the configured limits is refused before it is stored', { skip }, async (t) => {
    const w = await startTestWoolly(t, kind, { MAX_VIDEO_FRAME_RATE: '24' });
    const { token } = await makeUserWithToken(w.deps);
    const sent = await upload(w, token, video(), { version: 2 });
    assert.equal(sent.status, 422);
    assert.equal(sent.body.error, '25fps videos are not supported');
    const rows = await w.deps.db.all('SELECT id FROM media_attachments');
    assert.equal(rows.length, 0);
  });
});
