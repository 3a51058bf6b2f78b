/**
 * `woolly emoji import|export|purge` through the real bin/woolly: a pack made with the
 * system's tar, processed (original kept, still copy made, size limit), listed by
 * /api/v1/custom_emojis, shown in a local post's `emojis`, exported and purged; a pack with
 * names outside it or links, and broken archives, which import nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { insertCustomEmoji } from '../../src/db/repositories/custom-emojis.ts';
import { readTar, type TarEntry } from '../../src/media/archive/tar.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { noisyPng, png } from '../media/samples.ts';

interface EmojiJson {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category?: string;
}

forEachDatabase((kind) => {
  test('emoji import, use in a post, export and purge', async (t) => {
    const pack = mkdtempSync(join(tmpdir(), 'woolly-emoji-'));
    t.after(() => rmSync(pack, { recursive: true, force: true }));
    const files = join(pack, 'files');
    execFileSync('mkdir', [files]);
    writeFileSync(join(files, 'blobcat.png'), await png(64, 64));
    const gif = await sharp({
      create: { width: 32, height: 32, channels: 3, background: '#ff0000' },
    })
      .gif()
      .toBuffer();
    writeFileSync(join(files, 'party_parrot.gif'), gif);
    writeFileSync(join(files, 'huge.png'), await noisyPng(400, 400));
    writeFileSync(join(files, 'README.txt'), 'not an emoji');
    const archive = join(pack, 'pack.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', files, '.']);

    const db = await cliDatabase(t, kind);
    const w = await inspect(t, db);
    const imported = await runWoolly(db, ['emoji', 'import', archive, '--category', 'Blobs']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.lines.at(-1), 'Imported 2, replaced 0, skipped 0 existing, failed 1');
    assert.match(imported.stderr, /huge\.png: larger than 256 KiB/);

    const listed = (await (
      await w.http.request('https://woolly.test/api/v1/custom_emojis')
    ).json()) as EmojiJson[];
    assert.deepEqual(
      listed.map((e) => [e.shortcode, e.category, e.visible_in_picker]),
      [
        ['blobcat', 'Blobs', true],
        ['party_parrot', 'Blobs', true],
      ],
    );
    const parrot = listed[1]!;
    assert.match(parrot.url, /\/system\/media\/.*\.gif$/);
    const served = await w.http.request(parrot.url);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), gif, 'the original is kept');
    assert.notEqual(parrot.static_url, parrot.url);

    const { token } = await makeUserWithToken(w.deps);
    const posted = await w.http.request('https://woolly.test/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'hello :blobcat: and :nope:' }),
    });
    assert.equal(posted.status, 200);
    const status = (await posted.json()) as { emojis: EmojiJson[] };
    assert.deepEqual(
      status.emojis.map((e) => e.shortcode),
      ['blobcat'],
    );

    const again = await runWoolly(db, ['emoji', 'import', files, '--overwrite']);
    assert.equal(again.lines.at(-1), 'Imported 0, replaced 2, skipped 0 existing, failed 1');

    const exported = join(pack, 'out.tar.gz');
    const out = await runWoolly(db, ['emoji', 'export', exported]);
    assert.equal(out.lines.at(-1), `Exported 2 custom emojis to ${exported}`);
    const listing = execFileSync('tar', ['tzf', exported], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(listing.sort(), ['blobcat.png', 'party_parrot.gif']);
    const entries: TarEntry[] = [];
    for await (const entry of readTar(createReadStream(exported), 1024 * 1024)) {
      entries.push(entry);
    }
    assert.deepEqual(entries.find((e) => e.name === 'party_parrot.gif')?.body, gif);

    await insertCustomEmoji(w.deps.db, {
      id: w.deps.ids.next(),
      shortcode: 'blobcat',
      domain: 'remote.example',
      uri: null,
      imageUrl: 'https://remote.example/blobcat.png',
      staticUrl: 'https://remote.example/blobcat.png',
      category: null,
      visibleInPicker: false,
      disabled: false,
      createdAt: 0,
      updatedAt: 0,
    });
    const remoteOnly = await runWoolly(db, ['emoji', 'purge', '--remote-only']);
    assert.equal(remoteOnly.lines.at(-1), 'Removed 1 custom emojis');
    const all = await runWoolly(db, ['emoji', 'purge']);
    assert.equal(all.lines.at(-1), 'Removed 2 custom emojis');
    assert.deepEqual(await w.deps.media.storage.list('', { limit: 10 }), []);
  });

  test('emoji import refuses names outside the pack and links, and broken archives', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'woolly-emoji-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const files = join(dir, 'files');
    mkdirSync(join(files, 'blobs'), { recursive: true });
    writeFileSync(join(files, 'blobs', 'blobfox.png'), await png(32, 32));
    writeFileSync(join(dir, 'escape.png'), await png(16, 16));
    symlinkSync(join(dir, 'escape.png'), join(files, 'linked.png'));
    const archive = join(dir, 'pack.tar');
    // -P keeps `..` and a leading `/` in the names, as a hostile pack would have them.
    execFileSync('tar', ['cPf', archive, '-C', files, 'blobs', 'linked.png', '../escape.png']);
    execFileSync('tar', ['rPf', archive, join(dir, 'escape.png')]);

    const db = await cliDatabase(t, kind);
    const w = await inspect(t, db);
    const imported = await runWoolly(db, ['emoji', 'import', archive]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.lines.at(-1), 'Imported 1, replaced 0, skipped 0 existing, failed 3');
    assert.match(imported.stderr, /^linked\.png: refused: a link, not a file$/m);
    assert.match(imported.stderr, /^\.\.\/escape\.png: refused: its name leads outside/m);
    assert.match(imported.stderr, /^\/.*\/escape\.png: refused: its name leads outside/m);
    const listed = (await (
      await w.http.request('https://woolly.test/api/v1/custom_emojis')
    ).json()) as EmojiJson[];
    assert.deepEqual(
      listed.map((e) => e.shortcode),
      ['blobfox'],
    );

    // Broken archives: the command says so and imports nothing, not even the files before.
    writeFileSync(join(files, 'blobcat.png'), await png(48, 48));
    writeFileSync(join(files, 'noise.bin'), randomBytes(300_000));
    const good = join(dir, 'good.tar.gz');
    execFileSync('tar', ['czf', good, '-C', files, 'blobcat.png', 'noise.bin']);
    const tgz = readFileSync(good);
    const plain = gunzipSync(tgz);
    const broken = [
      ['truncated.tar.gz', tgz.subarray(0, tgz.length - 200), /unexpected end of file/],
      ['truncated.tar', plain.subarray(0, 40_000), /Unexpected end of data/],
      ['notes.txt', Buffer.from('not an archive at all\n'.repeat(40)), /Invalid tar header/],
    ] as const;
    for (const [name, bytes, reason] of broken) {
      writeFileSync(join(dir, name), bytes);
      const result = await runWoolly(db, ['emoji', 'import', join(dir, name)]);
      assert.equal(result.code, 1, name);
      const said = `woolly emoji: ${join(dir, name)} is not a tar or tar.gz archive (`;
      assert.ok(result.stderr.startsWith(said), result.stderr);
      assert.match(result.stderr, reason);
    }
    const missing = await runWoolly(db, ['emoji', 'import', join(dir, 'nope.tar.gz')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.tar\.gz/);
    const nowhere = await runWoolly(db, ['emoji', 'export', join(dir, 'nowhere', 'out.tar.gz')]);
    assert.equal(nowhere.code, 1);
    assert.match(nowhere.stderr, /^woolly emoji: cannot write .*out\.tar\.gz \(ENOENT/);
    const after = (await (
      await w.http.request('https://woolly.test/api/v1/custom_emojis')
    ).json()) as EmojiJson[];
    assert.deepEqual(
      after.map((e) => e.shortcode),
      ['blobfox'],
    );
  });
});
