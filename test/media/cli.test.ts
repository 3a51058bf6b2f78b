/** `woolly media usage` and `remove-unattached` through the real bin/woolly, on both databases. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uploadMedia } from '../../src/domain/media-attachments/upload.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { jpeg } from './samples.ts';

forEachDatabase((kind) => {
  test('media usage counts uploads; remove-unattached removes day-old ones', async (t) => {
    const db = await cliDatabase(t, kind);
    const w = await inspect(t, db);
    const { account } = await makeAccount(w.deps);
    const image = await jpeg(640, 480);
    const first = await uploadMedia(w.deps, account, { file: image }, 'now');
    await uploadMedia(w.deps, account, { file: image }, 'now');
    const usage = await runWoolly(db, ['media', 'usage']);
    assert.equal(usage.code, 0, usage.stderr);
    const mib = (first.fileSize! / 1024 / 1024).toFixed(1);
    assert.deepEqual(usage.lines, [
      `2 attachments, ${mib} MiB of original files`,
      'remote media cache: 0 attachments cached, 0.0 MiB of original files',
      'backups: 0 user archives, 0.0 MiB',
    ]);
    // Uploaded just now (by the real clock): not a day old yet.
    const kept = await runWoolly(db, ['media', 'remove-unattached']);
    assert.deepEqual(kept.lines, ['Removed 0 uploads never attached to a post']);
    await w.deps.db.run('UPDATE media_attachments SET created_at = created_at - ?', [
      2 * 24 * 3600_000,
    ]);
    const removed = await runWoolly(db, ['media', 'remove-unattached']);
    assert.deepEqual(removed.lines, ['Removed 2 uploads never attached to a post']);
    const wrong = await runWoolly(db, ['media', 'purge']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unknown action "purge"/);
  });
});
