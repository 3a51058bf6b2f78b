/**
 * Remote media deduplication: a sample of remote attachments with repeats (the same picture
 * boosted, quoted or re-posted from many servers under different addresses: N attachments
 * drawn from D distinct files, the popular ones many times, as a Zipf law draws them), fetched
 * through the real `pull` job from a loopback server into local storage. Prints the bytes the
 * remote files weigh, the bytes a store without deduplication would hold (every attachment's
 * original and preview), the bytes actually stored (files named by content hash), and the
 * fetch-and-process rate. Nothing passes or fails.
 *
 * Usage: node bench/media-dedupe.ts [attachments=300] [distinct=60]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { createWoolly } from '../src/app.ts';
import { memoryLogger } from '../src/core/logger.ts';
import { recordRemoteAttachments } from '../src/domain/remote-media/record-attachments.ts';
import type { EmbeddedJobs } from '../src/jobs/embedded.ts';
import { createTestDatabase } from '../test/helpers/databases.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { remoteAccount, remoteJpeg, remotePost } from '../test/media/remote-woolly.ts';
import { fixed, loadAverage } from './stats.ts';

const attachments = Number(process.argv[2] ?? 300);
const distinct = Number(process.argv[3] ?? 60);
const mib = (bytes: number) => `${fixed(bytes / 1024 / 1024, 1)} MiB`;

/** A photo-like JPEG, different for each seed. */
async function photo(seed: number): Promise<Buffer> {
  const width = 1200;
  const height = 900;
  const pixels = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let i = 0; i < pixels.length; i += 3) {
    s = (s * 1103515245 + 12345) >>> 0;
    const x = (i / 3) % width;
    pixels[i] = (x * 255) / width + (s & 15);
    pixels[i + 1] = ((seed * 37) % 255) + ((s >> 4) & 15);
    pixels[i + 2] = 100 + ((s >> 8) & 31);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const files: Buffer[] = [];
for (let i = 0; i < distinct; i++) files.push(await photo(i + 1));

// Zipf: file k (1-based) is drawn with weight 1/k.
const weights = files.map((_, k) => 1 / (k + 1));
const total = weights.reduce((a, b) => a + b, 0);
let rng = 42;
const draw = () => {
  rng = (rng * 1103515245 + 12345) >>> 0;
  let r = (rng / 2 ** 32) * total;
  for (let k = 0; k < weights.length; k++) if ((r -= weights[k]!) <= 0) return k;
  return weights.length - 1;
};

const server = createServer((req, res) => {
  // /<n>/<k>.jpg: a different address for every attachment, the bytes of file k.
  const k = Number(/\/(\d+)\.jpg$/.exec(req.url ?? '')?.[1] ?? NaN);
  const body = files[k];
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const db = await createTestDatabase('sqlite');
const woolly = await createWoolly(testConfig(db, { LOG_LEVEL: 'error' }), {
  log: memoryLogger('error'),
  federation: { allowPrivateAddress: true },
});
const deps = woolly.deps;
let remoteBytes = 0;
for (let i = 0; i < attachments; i++) {
  const author = await remoteAccount(deps, {}, `s${i % 20}.example`);
  const status = await remotePost(deps, author, { content: '' });
  const k = draw();
  remoteBytes += files[k]!.length;
  await recordRemoteAttachments(deps, status, [remoteJpeg(`${base}/${i}/${k}.jpg`)]);
}

const cpu = process.cpuUsage();
const started = performance.now();
await (woolly.jobs as EmbeddedJobs).runDue({ queues: ['pull'] });
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);

const rows = await deps.db.all<{ file_key: string | null; preview_key: string | null }>(
  "SELECT file_key, preview_key FROM media_attachments WHERE remote_url <> ''",
);
const sizes = new Map(
  (await deps.media.storage.list('', { limit: 100_000 })).map((f) => [f.key, f.size]),
);
let naive = 0;
for (const row of rows) {
  naive +=
    (row.file_key ? (sizes.get(row.file_key) ?? 0) : 0) +
    (row.preview_key ? (sizes.get(row.preview_key) ?? 0) : 0);
}
const stored = [...sizes.values()].reduce((a, b) => a + b, 0);
const drawn = new Set(rows.map((r) => r.file_key)).size;
console.log(
  `Remote media dedupe: ${attachments} attachments drawn from ${distinct} distinct files (${drawn} drawn), Zipf repeats`,
);
console.log(`  remote bytes fetched           ${mib(remoteBytes)}`);
console.log(`  stored without deduplication   ${mib(naive)}  (original + preview per attachment)`);
console.log(`  stored by content hash         ${mib(stored)}  in ${sizes.size} files`);
console.log(`  saved                          ${fixed((1 - stored / naive) * 100, 1)} %`);
console.log(
  `  fetched and processed          ${fixed(attachments / seconds, 1)} attachments/s (pull job, one at a time), ${fixed((used.user + used.system) / 1000 / attachments, 0)} ms CPU each (this process; the remote server is in it too)`,
);
console.log(`  load average                   ${loadAverage()}`);
await woolly.close();
await db.drop();
server.close();
