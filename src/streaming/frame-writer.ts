/**
 * Writing WebSocket frames to many sockets cheaply. A post to the public stream goes to
 * thousands of sockets with the same bytes, and on a busy machine each socket write is a
 * system call costing tens of microseconds, so:
 *
 * - the whole frame (WebSocket header and JSON) is encoded once per distinct frame (stream,
 *   event, payload) and the same Buffer written to every socket, in one write each (no
 *   per-socket serializing or framing, no corked two-part writev);
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

/** A client's frame: `{"stream":[...],"event":"...","payload":"..."}`, encoded. */
interface EncodedFrame {
  stream: readonly string[];
  event: string;
  payload: string | undefined;
  bytes: Buffer;
}

const sameStream = (a: readonly string[], b: readonly string[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

export class FrameWriter {
  /** One frame (the usual case) or several, per socket. */
  readonly #pending = new Map<FrameTarget, Buffer | Buffer[]>();
  /**
   * The frames encoded since the last flush, by payload: a fan-out hands thousands of
   * clients the same payload string, with a few streams and events between them (a filtered
   * rendering, a hashtag stream), so each distinct frame is serialized and framed once.
   */
  #encoded = new Map<string | undefined, EncodedFrame[]>();
  readonly #sliceSize: number;
  #scheduled = false;

  /** `sliceSize`: sockets written before yielding to the event loop (default: all at once). */
  constructor(sliceSize = Infinity) {
    this.#sliceSize = sliceSize;
  }

  /** The encoded text frame of a client message, made once per distinct frame. */
  frame(stream: readonly string[], event: string, payload: string | undefined): Buffer {
    const same = this.#encoded.get(payload);
    if (same) {
      for (const f of same) {
        if (f.event === event && sameStream(f.stream, stream)) return f.bytes;
      }
    }
    const bytes = encodeTextFrame(JSON.stringify({ stream, event, payload }));
    const encoded = { stream, event, payload, bytes };
    if (same) same.push(encoded);
    else this.#encoded.set(payload, [encoded]);
    return bytes;
  }

  /** Queues `frame` for `target`; it is written once the current code is done. */
  enqueue(target: FrameTarget, frame: Buffer): void {
    const queued = this.#pending.get(target);
    if (queued === undefined) this.#pending.set(target, frame);
    else if (Array.isArray(queued)) queued.push(frame);
    else this.#pending.set(target, [queued, frame]);
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
    if (this.#encoded.size > 0) this.#encoded = new Map();
    let written = 0;
    for (const [target, frames] of this.#pending) {
      this.#pending.delete(target);
      if (target.writable()) {
        target.socket.write(Array.isArray(frames) ? Buffer.concat(frames) : frames);
      }
      written += 1;
      if (written >= this.#sliceSize) break;
    }
    if (this.#pending.size > 0) setImmediate(() => this.#flush());
    else this.#scheduled = false;
  }
}
