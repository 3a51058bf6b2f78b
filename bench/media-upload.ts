/**
 * Memory of a large upload: `POST /api/v2/media` with a video file (default: an 85 MB MP4
 * made with ffmpeg), answered in-process by a real Woolly on SQLite and local storage, and
 * the peak resident memory of the process above what it held before the upload. The body is
 * sent as a stream read from disk, as a client's upload arrives over the network. Processing (the job) is not run: this
 * measures receiving and keeping the upload. Prints figures; nothing passes or fails.
 *
 * Usage: node bench/media-upload.ts [video file]
 */
import { execFileSync } from 'node:child_process';
import { openAsBlob, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWoolly } from '../src/app.ts';
import { issueAccessToken } from '../src/domain/oauth/tokens.ts';
import { createTestDatabase } from '../test/helpers/databases.ts';
import { makeAccount, makeApplication } from '../test/helpers/factories.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { loadAverage } from './stats.ts';

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function videoFile(): string {
  if (process.argv[2]) return process.argv[2];
  const path = join(tmpdir(), 'woolly-bench-upload.mp4');
  try {
    if (statSync(path).size > 0) return path;
  } catch {
    // Made below.
  }
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-t', '52'],
    ...['-c:v', 'mpeg4', '-q:v', '1', '-pix_fmt', 'yuv420p', '-f', 'mp4', path],
  ]);
  return path;
}

const file = videoFile();
const size = statSync(file).size;
const db = await createTestDatabase('sqlite');
const woolly = await createWoolly(testConfig(db, { LOG_LEVEL: 'warn' }));
try {
  const { account } = await makeAccount(woolly.deps);
  const { application } = await makeApplication(woolly.deps, ['write']);
  const token = await issueAccessToken(woolly.deps, {
    applicationId: application.id,
    accountId: account.id,
    scopes: ['write'],
  });
  // The multipart body built as a stream (undici's FormData serialization holds the whole
  // file in memory, which would count against the server in this one process).
  const multipart = (file: Blob): ReadableStream<Uint8Array> => {
    const boundary = 'woolly-bench-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n` +
        `a test pattern\r\n--${boundary}\r\n` +
        'Content-Disposition: form-data; name="file"; filename="video.mp4"\r\n' +
        'Content-Type: video/mp4\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const parts = [head, file.stream(), tail];
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        for (;;) {
          const part = parts[0];
          if (!part) return controller.close();
          if (part instanceof Buffer) {
            parts.shift();
            return controller.enqueue(part);
          }
          const reader = (part as ReadableStream<Uint8Array>).getReader();
          const { done, value } = await reader.read();
          reader.releaseLock();
          if (!done) return controller.enqueue(value);
          parts.shift();
        }
      },
    });
  };
  const upload = async (blob: Blob) => {
    const request = new Request('https://woolly.test/api/v2/media', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.accessToken}`,
        'content-type': 'multipart/form-data; boundary=woolly-bench-boundary',
      },
      body: multipart(blob),
      duplex: 'half',
    } as RequestInit);
    const res = await woolly.http.request(request);
    await res.arrayBuffer();
    return res.status;
  };
  // Warm up on a small file (loads the code paths), then measure the large one.
  const small = new Blob([
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=5', '-t', '1'],
      ...['-pix_fmt', 'yuv420p', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov', 'pipe:1'],
    ]),
  ]);
  await upload(small);
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const status = await upload(await openAsBlob(file));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`upload of ${mib(size)} MiB video: HTTP ${status}`);
  console.log(
    `  RSS before ${mib(before)} MiB, peak ${mib(peak)} MiB (+${mib(peak - before)} MiB)`,
  );
  console.log(
    `  ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU; load average ${loadAverage()}`,
  );
} finally {
  await woolly.close();
  await db.drop();
}
