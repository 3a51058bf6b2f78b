/**
 * update_credentials reads its multipart body as a stream, as media uploads do: avatar and
 * header go to temporary files, an image over MAX_IMAGE_SIZE is refused at the byte past it
 * (Mastodon's 422, the rest of the body never read) and changes nothing, and every other field
 * of the form still applies; no temporary file is left either way.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AccountJson } from '../../src/api/mastodon/serializers/account.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { jpeg, png } from './samples.ts';

const mib = 1024 * 1024;
type Credentials = AccountJson & {
  error?: string;
  source: { privacy: string; fields: { name: string; value: string }[] };
};

/** A multipart body as a stream of 64 KiB pieces, counting what the server pulled. */
function streamedForm(parts: [string, string | Buffer][]) {
  const boundary = 'woollyboundary';
  const pieces: Buffer[] = [];
  for (const [name, value] of parts) {
    const file = typeof value === 'string' ? '' : `; filename="${name}.png"`;
    const type = typeof value === 'string' ? '' : 'Content-Type: image/png\r\n';
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n${type}\r\n`,
      ),
      Buffer.isBuffer(value) ? value : Buffer.from(value),
      Buffer.from('\r\n'),
    );
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const whole = Buffer.concat(pieces);
  const sent = { bytes: 0, total: whole.length };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent.bytes >= whole.length) return controller.close();
        const piece = whole.subarray(sent.bytes, sent.bytes + 64 * 1024);
        sent.bytes += piece.length;
        controller.enqueue(new Uint8Array(piece));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, sent, type: `multipart/form-data; boundary=${boundary}` };
}

forEachDatabase((kind) => {
  test('update_credentials streams avatar and header; over the limit changes nothing', async (t) => {
    const previous = process.env.TMPDIR;
    const temp = mkdtempSync(join(tmpdir(), 'woolly-avatar-test-'));
    process.env.TMPDIR = temp;
    t.after(() => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    });
    const w = await startTestWoolly(t, kind, {
      MAX_IMAGE_SIZE: String(mib),
      MAX_VIDEO_SIZE: String(4 * mib),
    });
    const { token } = await makeUserWithToken(w.deps, { account: { username: 'pat' } });
    const uploadTemps = () => readdirSync(temp).filter((name) => name.startsWith('woolly-upload-'));
    const patch = async (parts: [string, string | Buffer][]) => {
      const form = streamedForm(parts);
      const res = await w.request('/api/v1/accounts/update_credentials', {
        method: 'PATCH',
        token,
        headers: { 'content-type': form.type },
        body: form.body,
        duplex: 'half',
      } as RequestInit);
      return { status: res.status, body: (await res.json()) as Credentials, sent: form.sent };
    };

    // 3 MiB "avatar": within the body allowance (4 MiB + 1), over the image limit (1 MiB).
    const big = Buffer.concat([await png(64, 64), Buffer.alloc(3 * mib, 7)]);
    const refused = await patch([
      ['display_name', 'Refused'],
      ['avatar', big],
    ]);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error, 'Validation failed: File file size must be less than 1 MB');
    assert.ok(
      refused.sent.bytes < 2 * mib,
      `reading stopped at the limit (${refused.sent.bytes} of ${refused.sent.total} bytes)`,
    );
    assert.deepEqual(uploadTemps(), []);
    assert.deepEqual(await w.deps.media.storage.list('', { limit: 10 }), []);

    // Every field of the form applies alongside the images.
    const done = await patch([
      ['display_name', 'Pat'],
      ['note', 'hello'],
      ['locked', 'true'],
      ['bot', '1'],
      ['discoverable', 'false'],
      ['fields_attributes[0][name]', 'Site'],
      ['fields_attributes[0][value]', 'example.com'],
      ['fields_attributes[1][name]', 'Pronouns'],
      ['fields_attributes[1][value]', 'they'],
      ['source[privacy]', 'unlisted'],
      ['avatar', await jpeg(600, 500)],
      ['header', await png(1600, 600)],
    ]);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.display_name, 'Pat');
    assert.equal(done.body.note, '<p>hello</p>');
    assert.equal(done.body.locked, true);
    assert.equal(done.body.bot, true);
    assert.equal(done.body.discoverable, false);
    assert.deepEqual(
      done.body.source.fields.map((f) => [f.name, f.value]),
      [
        ['Site', 'example.com'],
        ['Pronouns', 'they'],
      ],
    );
    assert.equal(done.body.source.privacy, 'unlisted');
    assert.match(done.body.avatar, /\/system\/media\/.+\.jpeg$/);
    assert.match(done.body.header, /\/system\/media\/.+\.png$/);
    assert.equal((await w.deps.media.storage.list('', { limit: 10 })).length, 2);
    assert.deepEqual(uploadTemps(), []);

    // A header over the limit keeps the avatar and header there were, and the name.
    const again = await patch([
      ['display_name', 'Not this'],
      ['header', big],
    ]);
    assert.equal(again.status, 422);
    const me = await w.request('/api/v1/accounts/verify_credentials', { token });
    const now = (await me.json()) as Credentials;
    assert.equal(now.display_name, 'Pat');
    assert.equal(now.avatar, done.body.avatar);
    assert.equal(now.header, done.body.header);
    assert.deepEqual(uploadTemps(), []);
  });
});
