/**
 * Remote media goes through a temporary file on its way into storage: a remote attachment or
 * avatar is fetched on the `pull` queue to a private file under TMPDIR, processed from it and
 * the file removed; a body over the limit (declared or found while reading) is refused and
 * leaves nothing behind, neither a temporary file nor anything in storage.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { RemoteFetchFailed } from '../../src/domain/media-attachments/ports.ts';
import { findMediaByStatusIds } from '../../src/db/repositories/media-attachments.ts';
import { recordRemoteAttachments } from '../../src/domain/remote-media/record-attachments.ts';
import { createRemoteFetcher } from '../../src/media/remote/fetch.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { startRemoteFiles } from './remote-server.ts';
import { jpeg, png } from './samples.ts';
import {
  remoteAccount,
  remoteJpeg,
  remotePost,
  runPullJobs,
  startFetchingWoolly,
} from './remote-woolly.ts';

/** A fresh TMPDIR for this test, so that what is left in it can be seen. */
async function privateTmpdir(t: TestContext): Promise<() => Promise<string[]>> {
  const previous = process.env.TMPDIR;
  const dir = await mkdtemp(join(tmpdir(), 'woolly-remote-download-test-'));
  process.env.TMPDIR = dir;
  t.after(async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(dir, { recursive: true, force: true });
  });
  assert.equal(tmpdir(), dir);
  return () => readdir(dir, { recursive: true });
}

test('download writes the body to a file, refuses it past the limit and removes the file', async (t) => {
  const remote = await startRemoteFiles(t);
  const left = await privateTmpdir(t);
  const body = Buffer.alloc(300 * 1024, 7);
  remote.files.set('/declared.bin', { body, type: 'application/octet-stream' });
  remote.files.set('/chunked.bin', { body, type: 'application/octet-stream', chunked: true });
  const fetcher = createRemoteFetcher({ userAgent: 'test', allowPrivateAddress: true });
  const path = join(tmpdir(), 'file');

  const got = await fetcher.download(`${remote.base}/redirect/chunked.bin`, {
    maxBytes: body.length,
    path,
  });
  assert.deepEqual(got.file, { path, size: body.length });
  assert.equal(got.contentType, 'application/octet-stream');
  assert.deepEqual(await left(), ['file']);
  await rm(path);

  for (const name of ['declared.bin', 'chunked.bin']) {
    await assert.rejects(
      fetcher.download(`${remote.base}/${name}`, { maxBytes: 100 * 1024, path }),
      (error) => {
        assert.ok(error instanceof RemoteFetchFailed, String(error));
        assert.ok(error.permanent, 'a file over the limit is not retried');
        assert.match(error.message, /larger than 102400 bytes/);
        return true;
      },
    );
    assert.deepEqual(await left(), [], `${name}: no partial file is left`);
  }
});

forEachDatabase((kind) => {
  test('the pull queue caches remote media through temporary files it removes', async (t) => {
    const remote = await startRemoteFiles(t);
    const photo = await jpeg(640, 480);
    remote.files.set('/photo.jpg', { body: photo, type: 'image/jpeg', chunked: true });
    // Over MAX_VIDEO_SIZE (the largest limit), with no Content-Length to refuse it early.
    const huge = Buffer.concat([photo, Buffer.alloc(600 * 1024)]);
    remote.files.set('/huge.jpg', { body: huge, type: 'image/jpeg', chunked: true });
    remote.files.set('/avatar.png', { body: await png(300, 300), type: 'image/png' });
    const w = await startFetchingWoolly(t, kind, { MAX_VIDEO_SIZE: String(512 * 1024) });
    // After the start: the test server's data directory is under TMPDIR too.
    const left = await privateTmpdir(t);

    const author = await remoteAccount(w.deps, { avatar: `${remote.base}/avatar.png` });
    const status = await remotePost(w.deps, author);
    await recordRemoteAttachments(w.deps, status, [
      remoteJpeg(`${remote.base}/photo.jpg`),
      remoteJpeg(`${remote.base}/huge.jpg`),
    ]);
    await runPullJobs(w);

    const [cached, refused] = await findMediaByStatusIds(w.deps.db, [status.id]);
    assert.ok(cached?.fileKey, 'the photo is cached');
    assert.equal((cached.meta.original as { width?: number } | undefined)?.width, 640);
    assert.equal(refused?.fileKey, null, 'the file over the limit is left uncached');
    assert.equal(remote.hits.get('/huge.jpg'), 1, 'over the limit is not retried');
    const stored = (await w.deps.media.storage.list('', { limit: 100 })).map((f) => f.key);
    // The photo, its preview and the avatar: nothing of the refused file.
    assert.equal(stored.length, 3);
    assert.ok(w.logs.some((line) => line.includes('larger than 524288 bytes')));
    assert.deepEqual(await left(), [], 'every temporary file is removed');
  });
});
