/**
 * Uploads never attached to a post are removed after a day with their files, on both
 * databases; attached ones, scheduled ones and files shared with them stay.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removeOrphanedMedia } from '../../src/domain/media-attachments/cleanup.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { post } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { jpeg, png } from './samples.ts';
import { getMedia, pathOf, upload } from './upload.ts';

forEachDatabase((kind) => {
  test('uploads left unattached for a day go, with their files', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const shared = await jpeg(640, 480);
    const attached = await upload(w, token, shared);
    const sameFile = await upload(w, token, shared);
    const alone = await upload(w, token, await png(50, 50));
    const scheduled = await upload(w, token, await png(60, 60));
    assert.equal(
      (await post(w, token, { status: 'x', media_ids: [attached.body.id] })).status,
      200,
    );
    const later = new Date(w.clock.now() + 3 * 24 * 3600_000).toISOString();
    const res = await post(w, token, {
      status: 'later',
      media_ids: [scheduled.body.id],
      scheduled_at: later,
    });
    assert.equal(res.status, 200);

    w.clock.advance(23 * 3600_000);
    assert.equal(await removeOrphanedMedia(w.deps), 0);
    w.clock.advance(2 * 3600_000);
    assert.equal(await removeOrphanedMedia(w.deps), 2);

    assert.equal((await getMedia(w, token, alone.body.id)).status, 404);
    assert.equal((await getMedia(w, token, sameFile.body.id)).status, 404);
    assert.equal((await w.request(pathOf(alone.body.url!))).status, 404);
    // The attached post's file was shared with the removed upload: it stays.
    assert.equal((await w.request(pathOf(attached.body.url!))).status, 200);
    assert.equal((await w.request(pathOf(scheduled.body.url!))).status, 200);
  });
});
