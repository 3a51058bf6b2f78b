/**
 * Writing WebSocket frames to many sockets cheaply. A post to the public stream goes to
 * thousands of sockets with the same bytes, and on a busy machine each socket write is a
 * system call costing tens of microseconds, so:
 *
 * - the whole frame (WebSocket header and JSON) is encoded once and the same Buffer written to
 *   every socket, in one write each (no per-socket framing, no corked two-part writev);
 * - frames are queued per socket and written as soon as the code that queued them is done
 *   (a microtask, before any other I/O or timer runs): frames queued together for one socket
 *   leave in one write, and the fan-out's writes are not held up behind other work (a
 *   `setImmediate` there let the post's own jobs run first, which cost the first readers
 *   60-80 ms on a busy machine);
 * - optionally the queue is written in slices (`sliceSize`), yielding between them.
 *
 * Frames from the server are not masked (RFC 6455 §5.1), which is what lets one encoding
 * serve every socket.
 */
import type { Duplex } from 'node:stream';

/** A text frame carrying `text` (RFC 6455 §5.2: FIN, opcode 1, unmasked). */
export function encodeTextFrame(text: string): Buffer {
  const body = Buffer.from(text);
  const length = body.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  body.copy(frame, headerLength);
  return frame;
}

/** One socket's queue. */
export interface FrameTarget {
  readonly socket: Duplex;
  /** Whether frames may still be written (the WebSocket is open). */
  writable(): boolean;
}

export class FrameWriter {
  readonly #pending = new Map<FrameTarget, Buffer[]>();
  readonly #sliceSize: number;
  #scheduled = false;

  /** `sliceSize`: sockets written before yielding to the event loop (default: all at once). */
  constructor(sliceSize = Infinity) {
    this.#sliceSize = sliceSize;
  }

  /** Queues `frame` for `target`; it is written once the current code is done. */
  enqueue(target: FrameTarget, frame: Buffer): void {
    const queue = this.#pending.get(target);
    if (queue) queue.push(frame);
    else this.#pending.set(target, [frame]);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.#flush());
    }
  }

  /** Forgets what was queued for `target` (its socket closed). */
  forget(target: FrameTarget): void {
    this.#pending.delete(target);
  }

  #flush(): void {
    let written = 0;
    for (const [target, frames] of this.#pending) {
      this.#pending.delete(target);
      if (target.writable()) {
        target.socket.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
      }
      written += 1;
      if (written >= this.#sliceSize) break;
    }
    if (this.#pending.size > 0) setImmediate(() => this.#flush());
    else this.#scheduled = false;
  }
}
