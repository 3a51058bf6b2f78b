/**
 * Summarises the per-file times a run recorded (`TEST_TIMES_FILE=/tmp/times.jsonl node
 * scripts/test.ts`): the slowest files with their share of the total, by wall and CPU time.
 * `--write` stores the wall times in scripts/test-durations.json, which scripts/test.ts uses to
 * start the slowest files first.
 *
 *   node scripts/test-times.ts /tmp/times.jsonl [--top 15] [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

interface Times {
  file: string;
  wall: number;
  cpu: number;
  childCpu: number;
}

const args = process.argv.slice(2);
const source = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!source) {
  console.error('usage: node scripts/test-times.ts TIMES.jsonl [--top N] [--write]');
  process.exit(2);
}
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;

// Paths relative to the test/ directory they were run in, whatever the checkout.
const name = (file: string) => {
  const at = file.lastIndexOf('/test/');
  return at >= 0 ? file.slice(at + 1) : relative(process.cwd(), file);
};
const byFile = new Map<string, Times>();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const times = JSON.parse(line) as Times;
  byFile.set(name(times.file), { ...times, file: name(times.file) });
}
const rows = [...byFile.values()].sort((a, b) => b.wall - a.wall);
const sum = (pick: (t: Times) => number) => rows.reduce((total, t) => total + pick(t), 0);
const wall = sum((t) => t.wall);
const cpu = sum((t) => t.cpu + t.childCpu);

const pad = (text: string, width: number) => text.padStart(width);
console.log(
  `${'file'.padEnd(52)} ${pad('wall s', 8)} ${pad('share', 6)} ${pad('CPU s', 7)} ${pad('share', 6)}`,
);
for (const t of rows.slice(0, top)) {
  const own = t.cpu + t.childCpu;
  console.log(
    `${t.file.padEnd(52)} ${pad(t.wall.toFixed(1), 8)} ${pad(`${((100 * t.wall) / wall).toFixed(1)}%`, 6)} ${pad(own.toFixed(1), 7)} ${pad(`${((100 * own) / cpu).toFixed(1)}%`, 6)}`,
  );
}
console.log(
  `${`all ${rows.length} files`.padEnd(52)} ${pad(wall.toFixed(1), 8)} ${pad('', 6)} ${pad(cpu.toFixed(1), 7)}`,
);

if (args.includes('--write')) {
  const durations = Object.fromEntries(
    rows
      .map((t) => [t.file, Math.round(t.wall * 10) / 10] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const target = new URL('test-durations.json', import.meta.url);
  writeFileSync(target, `${JSON.stringify(durations, null, 2)}\n`);
  console.log(`wrote ${rows.length} durations to scripts/test-durations.json`);
}
