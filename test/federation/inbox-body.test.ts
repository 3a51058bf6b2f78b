/**
 * The inbox body reader (inbox/body.ts) on in-process requests: one read however often asked,
 * and the limit held whether the length is declared, missing or untrue.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inboxBody, inboxBodyLimit } from '../../src/federation/inbox/body.ts';

const post = (body: BodyInit, headers: Record<string, string> = {}) => {
  // A stream body needs `duplex`, which the DOM typings do not know yet.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers, duplex: 'half' };
  return new Request('https://woolly.test/inbox', init);
};

/** A body of `size` bytes as a stream, so no length is known ahead. */
function streamOf(size: number): ReadableStream<Uint8Array> {
  let left = size;
  return new ReadableStream({
    pull(controller) {
      const n = Math.min(left, 64 * 1024);
      if (n === 0) return controller.close();
      left -= n;
      controller.enqueue(new Uint8Array(n).fill(120));
    },
  });
}

test('the body is read once, and every caller gets the same bytes', async () => {
  const request = post('{"type":"Create"}');
  const first = inboxBody(request);
  assert.equal(inboxBody(request), first);
  assert.equal(Buffer.from((await first)!).toString(), '{"type":"Create"}');
  assert.equal(request.bodyUsed, true);
});

test('a body over the limit is refused, declared, undeclared or declared untruly', async () => {
  const over = 'x'.repeat(inboxBodyLimit + 1);
  assert.equal(await inboxBody(post(over)), null);
  assert.equal(await inboxBody(post(over, { 'content-length': '10' })), null);
  assert.equal(await inboxBody(post(streamOf(inboxBodyLimit + 1))), null);
  assert.equal((await inboxBody(post(streamOf(inboxBodyLimit))))?.byteLength, inboxBodyLimit);
  // A declared length over the limit is refused before anything is read.
  const declared = post(streamOf(10), { 'content-length': String(inboxBodyLimit + 1) });
  assert.equal(await inboxBody(declared), null);
  assert.equal(declared.bodyUsed, false);
});
