/**
 * Loaded into every test process when `TEST_TIMES_FILE` is set (scripts/test.ts): at exit, a
 * test file's process appends one JSON line to that file: its wall time, its own CPU time and
 * the CPU time of the child processes it waited for (bin/woolly runs), from /proc (Linux).
 */
import { appendFileSync, readFileSync } from 'node:fs';

const out = process.env.TEST_TIMES_FILE;
// A test file's process runs `node [flags] file.test.ts`; the runner itself has many files.
const [, file, ...rest] = process.argv;
if (out && file?.endsWith('.test.ts') && rest.length === 0) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    let own = (cpu.user + cpu.system) / 1e6;
    let children = 0;
    try {
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime (fields 14-17) in clock ticks of 1/100 s.
      const [utime, stime, cutime, cstime] = fields.slice(11, 15).map((x) => Number(x) / 100);
      own = utime! + stime!;
      children = cutime! + cstime!;
    } catch {
      // Not Linux: own CPU from Node, no children.
    }
    const record = { file, wall: process.uptime(), cpu: own, childCpu: children };
    appendFileSync(out, `${JSON.stringify(record)}\n`);
  });
}
