/**
 * Summarises a V8 CPU profile (`.cpuprofile`, as `BENCH_CPU_PROF=dir node bench/inbox.ts`
 * writes for the server): self time by package (or Woolly source folder, or Node internals)
 * and by function, and the total time inside a few subsystems named by a function on the
 * stack (signature verification, JSON-LD, SQLite), so that a run's costs can be compared
 * with the previous one's.
 *
 * Usage: node bench/inbox-profile.ts <file.cpuprofile | dir> [top=25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [target, topArg] = process.argv.slice(2);
if (!target) throw new Error('usage: node bench/inbox-profile.ts <file.cpuprofile | dir> [top]');
const top = Number(topArg ?? 25);
const file = statSync(target).isDirectory()
  ? join(
      target,
      readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort()
        .at(-1)!,
    )
  : target;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

/** Where a function lives: an npm package, a folder of Woolly's sources, or Node/V8. */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const src = url.match(/\/(src\/[^/]+(?:\/[^/]+(?=\/))?)/);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.split('/').slice(-2).join('/');
}

// Self time per sample node (the profile's time deltas belong to the sample they follow).
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
/** Subsystems counted once per sample when any frame on its stack matches. */
const subsystems: [string, (n: ProfileNode) => boolean][] = [
  ['HTTP signature verification', (n) => /verifyRequest/.test(n.callFrame.functionName)],
  ['inbox request (handleInbox)', (n) => n.callFrame.functionName === 'handleInboxInternal'],
  ['queued inbox message', (n) => /listenInboxMessage/.test(n.callFrame.functionName)],
  ['JSON-LD (jsonld package)', (n) => /node_modules\/jsonld\//.test(n.callFrame.url)],
  ['Activity/Object fromJsonLd', (n) => /fromJsonLd/.test(n.callFrame.functionName)],
  ['SQLite statements', (n) => /src\/db\/sqlite\.ts/.test(n.callFrame.url)],
  ['job claims', (n) => /claimJobs|claimBatch|nextJob/.test(n.callFrame.functionName)],
  ['home feed fan-out', (n) => /src\/domain\/timelines\//.test(n.callFrame.url)],
  ['garbage collection', (n) => n.callFrame.functionName === '(garbage collector)'],
  ['idle', (n) => n.callFrame.functionName === '(idle)'],
];
const bySubsystem = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  const place = placeOf(url, functionName);
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  const fn = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!;
    for (const [name, matches] of subsystems) {
      if (!seen.has(name) && matches(frame)) {
        seen.add(name);
        bySubsystem.set(name, (bySubsystem.get(name) ?? 0) + us);
      }
    }
  }
}

const busyUs = totalUs - (bySubsystem.get('idle') ?? 0);
const line = (label: string, us: number) =>
  `${(us / 1e6).toFixed(2).padStart(8)} s ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${label}`;
const table = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [label, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(line(label, us));
};
console.log(
  `${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busyUs / 1e6).toFixed(1)} s busy (percentages of busy)`,
);
table('Subsystems (total time with a matching frame on the stack)', bySubsystem, subsystems.length);
table('Self time by place', byPlace, top);
table('Self time by function', byFunction, top);
