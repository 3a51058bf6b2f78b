/**
 * HEIC uploads. sharp's prebuilt libvips decodes HEIF only with AV1 inside and cannot write
 * HEVC either, so no real HEIC sample can be generated here: the test sends the header of
 * one (an ISO-BMFF `ftyp` box with the `heic` brand, which is what the type is read from)
 * and checks the clear 422 naming the format, with nothing stored. On a libvips that reads
 * HEIC, the test is skipped (there the file is converted like any photo).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heicReadable } from '../../src/media/processing/heic.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { startTestWoolly } from '../helpers/woolly.ts';
import { upload } from './upload.ts';

function heicHeader(): Buffer {
  const box = Buffer.alloc(64);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4);
  box.write('heic', 8);
  box.write('mif1', 16);
  box.write('heic', 20);
  return box;
}

test('a HEIC upload is refused with a 422 naming the format', async (t) => {
  if (await heicReadable()) {
    t.skip('this libvips reads HEIC: uploads are converted to JPEG');
    return;
  }
  const w = await startTestWoolly(t, 'sqlite');
  const { token } = await makeUserWithToken(w.deps);
  for (const version of [1, 2] as const) {
    const sent = await upload(w, token, heicHeader(), { version, name: 'IMG_0001.HEIC' });
    assert.equal(sent.status, 422);
    assert.match(sent.body.error!, /^HEIC images are not supported by this server/);
  }
  assert.deepEqual(await w.deps.media.storage.list('', { limit: 10 }), []);
  assert.equal((await w.deps.db.all('SELECT id FROM media_attachments')).length, 0);
});
