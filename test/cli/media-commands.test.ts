/**
 * `woolly media remove`, `remove-orphans`, `retention` and `migrate` through the real
 * bin/woolly on a seeded instance: remote media cached (fetched from a loopback server by the
 * in-process Woolly), an orphan file, an upload in use; time moved by ageing the rows.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Deps } from '../../src/domain/context.ts';
import { uploadMedia } from '../../src/domain/media-attachments/upload.ts';
import { cacheRemoteMedia } from '../../src/domain/remote-media/cache.ts';
import { recordRemoteAttachments } from '../../src/domain/remote-media/record-attachments.ts';
import { createRemoteFetcher } from '../../src/media/remote/fetch.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { jpeg, png } from '../media/samples.ts';
import { startRemoteFiles } from '../media/remote-server.ts';
import { remoteAccount, remotePost } from '../media/remote-woolly.ts';
import { s3Env, startS3 } from '../media/s3-server.ts';

const day = 24 * 3600_000;

function filesUnder(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(
      path.slice(root.length + 1),
      createHash('sha256').update(readFileSync(path)).digest('hex'),
    );
  }
  return found;
}

forEachDatabase((kind) => {
  test('media remove, remove-orphans and retention on a seeded instance', async (t) => {
    const remote = await startRemoteFiles(t);
    remote.files.set('/photo.jpg', { body: await jpeg(320, 240), type: 'image/jpeg' });
    remote.files.set('/avatar.png', { body: await png(100, 100), type: 'image/png' });
    const db = await cliDatabase(t, kind);
    const w = await inspect(t, db);
    // The in-process Woolly may fetch from the loopback server; the CLI never fetches here.
    const deps: Deps = {
      ...w.deps,
      media: {
        ...w.deps.media,
        fetcher: createRemoteFetcher({ userAgent: 't', allowPrivateAddress: true }),
      },
    };
    const author = await remoteAccount(deps, { avatar: `${remote.base}/avatar.png` });
    const status = await remotePost(deps, author);
    const [attachment] = await recordRemoteAttachments(deps, status, [
      {
        url: `${remote.base}/photo.jpg`,
        mediaType: 'image/jpeg',
        description: null,
        blurhash: null,
        width: null,
        height: null,
        focus: null,
      },
    ]);
    assert.equal(await cacheRemoteMedia(deps, 'attachment', attachment!.id), 'cached');
    assert.equal(await cacheRemoteMedia(deps, 'avatar', author.id), 'cached');
    const { account } = await makeAccount(deps);
    const upload = await uploadMedia(deps, account, { file: await png(64, 64) }, 'now');
    const root = join(db.dataDir, 'media');
    await deps.media.storage.put('media/00/00/orphan.png', Buffer.from('left behind'), 'image/png');
    const old = new Date(Date.now() - 2 * day);
    utimesSync(join(root, 'media/00/00/orphan.png'), old, old);
    const cachedRow = await w.deps.db.get<{ file_key: string; preview_key: string }>(
      'SELECT file_key, preview_key FROM media_attachments WHERE id = ?',
      [attachment!.id],
    );
    const uploaded = new Set([upload.fileKey!, upload.previewKey!]);
    const cachedKeys = new Set([cachedRow!.file_key, cachedRow!.preview_key]);
    // The cached photo (and its preview), the avatar, the upload (and its preview), the orphan.
    const total = cachedKeys.size + 1 + uploaded.size + 1;
    assert.equal(filesUnder(root).size, total);

    if (kind === 'sqlite') {
      const usage = await runWoolly(db, ['media', 'usage']);
      assert.match(usage.lines[1]!, /^remote media cache: 1 attachments cached, /);
      assert.match(usage.lines[2]!, /^remote avatar cache: 1 files, /);
    }
    await w.deps.db.run('UPDATE media_attachments SET created_at = created_at - ?', [8 * day]);
    await w.deps.db.run('UPDATE remote_media_files SET cached_at = cached_at - ?', [8 * day]);
    const dry = await runWoolly(db, ['media', 'remove', '--prune-profiles', '--dry-run']);
    assert.match(
      dry.lines.at(-1)!,
      /^Removed 1 cached remote attachments and 1 cached images, .* \(dry run: nothing removed\)$/,
    );
    assert.equal(filesUnder(root).size, total);
    const removed = await runWoolly(db, ['media', 'remove', '--days', '7', '--prune-profiles']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.lines.at(-1)!, /^Removed 1 cached remote attachments and 1 cached images/);
    assert.equal(filesUnder(root).size, uploaded.size + 1, 'the upload stays, and the orphan');
    const row = await w.deps.db.get<{ file_key: unknown; remote_url: string }>(
      'SELECT file_key, remote_url FROM media_attachments WHERE id = ?',
      [attachment!.id],
    );
    assert.equal(row?.file_key, null);
    assert.equal(row?.remote_url, `${remote.base}/photo.jpg`);

    const orphansDry = await runWoolly(db, ['media', 'remove-orphans', '--dry-run']);
    assert.match(
      orphansDry.lines.at(-1)!,
      new RegExp(`^Looked at ${uploaded.size + 1} files, removed 1 orphans, .*dry run`),
    );
    const orphans = await runWoolly(db, ['media', 'remove-orphans']);
    assert.equal(orphans.code, 0, orphans.stderr);
    assert.match(orphans.stderr, new RegExp(`${uploaded.size + 1} files looked at`));
    assert.deepEqual([...filesUnder(root).keys()].sort(), [...uploaded].sort());

    if (kind === 'postgres') return;
    const set = await runWoolly(db, ['media', 'retention', '--media-cache', '14']);
    assert.deepEqual(set.lines, [
      'media_cache_retention_period: 14 days',
      'content_cache_retention_period: forever',
      'backups_retention_period: forever',
    ]);
  });
});

test('media migrate: local -> S3 (s3rver) -> local loses nothing, checksums equal', async (t) => {
  const s3 = await startS3(t);
  const db = await cliDatabase(t, 'sqlite');
  const w = await inspect(t, db);
  const { account } = await makeAccount(w.deps);
  for (const size of [64, 96, 128])
    await uploadMedia(w.deps, account, { file: await jpeg(size, size) }, 'now');
  const original = filesUnder(join(db.dataDir, 'media'));
  const n = original.size;
  assert.ok(n >= 3);
  const toS3 = await runWoolly(db, ['media', 'migrate', '--to', 's3'], {
    ...s3Env(s3),
    S3_ENABLED: 'false',
  });
  assert.equal(toS3.code, 0, toS3.stderr);
  assert.match(toS3.lines[0]!, new RegExp(`^Copied ${n} files .* checksums verified`));
  assert.match(toS3.lines[1]!, /set S3_ENABLED=true/);
  // Resuming copies nothing again.
  const again = await runWoolly(db, ['media', 'migrate', '--to', 's3'], {
    ...s3Env(s3),
    S3_ENABLED: 'false',
  });
  assert.match(again.lines[0]!, new RegExp(`^Copied 0 files .* ${n} already there`));
  const back = mkdtempSync(join(tmpdir(), 'woolly-back-'));
  t.after(() => rmSync(back, { recursive: true, force: true }));
  const toLocal = await runWoolly(db, ['media', 'migrate', '--to', 'local'], {
    ...s3Env(s3),
    DATA_DIR: back,
  });
  assert.equal(toLocal.code, 0, toLocal.stderr);
  assert.match(toLocal.lines[1]!, /set S3_ENABLED=false/);
  assert.deepEqual(filesUnder(join(back, 'media')), original);
  const wrong = await runWoolly(db, ['media', 'migrate', '--to', 'local']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /already stored locally/);
});
