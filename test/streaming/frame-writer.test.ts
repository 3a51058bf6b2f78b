/**
 * The frames written straight to sockets are what a WebSocket client reads: ws's own parser
 * decodes each length form (7-bit, 16-bit, 64-bit), and frames queued in one turn reach each
 * socket whole and in order, never after the socket closed.
 */
import assert from 'node:assert/strict';
import { PassThrough, type Writable } from 'node:stream';
import { test } from 'node:test';
import * as ws from 'ws';
import { encodeTextFrame, FrameWriter } from '../../src/streaming/frame-writer.ts';

/** ws's frame parser, which its client runs on every frame (not in @types/ws). */
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean }) => Writable;
};

/** The text messages a client reads from `bytes`. */
function decode(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const messages: string[] = [];
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      assert.equal(isBinary, false);
      messages.push(data.toString());
    });
    receiver.on('error', reject);
    receiver.write(bytes, () => resolve(messages));
  });
}

test('text frames of every length form decode as ws reads them', async () => {
  const texts = ['{"event":"delete"}', 'é'.repeat(200), 'x'.repeat(70_000), ''];
  const decoded = await decode(Buffer.concat(texts.map(encodeTextFrame)));
  assert.deepEqual(decoded, texts);
});

test('queued frames are written together, in order, only to open sockets', async () => {
  const writer = new FrameWriter(1);
  const sockets = [new PassThrough(), new PassThrough(), new PassThrough()];
  const received = sockets.map(() => [] as Buffer[]);
  sockets.forEach((s, i) => s.on('data', (chunk: Buffer) => received[i]!.push(chunk)));
  const targets = sockets.map((socket, i) => ({ socket, writable: () => i !== 2 }));
  for (const text of ['one', 'two']) {
    for (const target of targets) writer.enqueue(target, encodeTextFrame(text));
  }
  writer.forget(targets[1]!);
  writer.enqueue(targets[1]!, encodeTextFrame('three'));
  // Written in slices of one socket, one turn of the event loop each.
  const end = Date.now() + 2000;
  while ((received[0]!.length === 0 || received[1]!.length === 0) && Date.now() < end) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(received[0]!.length, 1, 'one write for both frames');
  assert.deepEqual(await decode(Buffer.concat(received[0]!)), ['one', 'two']);
  assert.deepEqual(await decode(Buffer.concat(received[1]!)), ['three']);
  assert.equal(received[2]!.length, 0, 'a closed socket is not written to');
});

test('each distinct frame is encoded once per flush, whatever comes between', async () => {
  const writer = new FrameWriter();
  const plain = '{"id":"1"}';
  const filtered = '{"id":"1","filtered":[]}';
  const a = writer.frame(['public'], 'update', plain);
  assert.equal(writer.frame(['public'], 'update', filtered) === a, false);
  assert.equal(writer.frame(['hashtag', 'Cats'], 'update', plain) === a, false);
  // The same frame again, after others: the very same bytes, not a new encoding.
  assert.equal(writer.frame(['public'], 'update', plain), a);
  assert.deepEqual(await decode(a), [
    JSON.stringify({ stream: ['public'], event: 'update', payload: plain }),
  ]);
  assert.deepEqual(await decode(writer.frame(['user'], 'filters_changed', undefined)), [
    '{"stream":["user"],"event":"filters_changed"}',
  ]);
});
