/**
 * Preloaded into the benchmarked `woolly start` with `--import` when `BENCH_MEMORY=file` is
 * set (bench/inbox.ts): every 100 ms it appends one JSON line of `process.memoryUsage()`
 * (bytes: rss, heapTotal, heapUsed, external, arrayBuffers), the anonymous and file-backed
 * parts of the RSS (Linux: SQLite's memory-mapped reads are file-backed) and the time to that
 * file, so the benchmark can tell the V8 heap from Buffers, native memory and mapped files.
 *
 * On SIGUSR2 it collects all garbage (when started with --expose-gc), writes a line
 * `{"gc":true}` and a sample of what is left, the live memory; with BENCH_HEAP_SNAPSHOT_DIR it
 * then writes a heap snapshot there (after the sample: a snapshot's own native memory would
 * count in the RSS). The timer is unref'd: it never keeps the server alive.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const file = process.env.BENCH_MEMORY;
if (file) {
  const kib = (status: string, name: string) =>
    Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1]) * 1024;
  const sample = () => {
    const m = process.memoryUsage();
    const status = readFileSync('/proc/self/status', 'utf8');
    const rssAnon = kib(status, 'RssAnon');
    const rssFile = kib(status, 'RssFile');
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), ...m, rssAnon, rssFile })}\n`);
  };
  sample();
  setInterval(sample, 100).unref();
  process.on('SIGUSR2', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), gc: Boolean(gc) })}\n`);
    sample();
    const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
    if (dir) writeHeapSnapshot(join(dir, `woolly-${process.pid}-${Date.now()}.heapsnapshot`));
  });
}
