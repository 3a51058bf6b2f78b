/**
 * Every benchmark, one after another, each in its own process so that none warms up or
 * slows down the next: `npm run bench`. Prints figures; nothing passes or fails.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const scripts = [
  'startup.ts',
  'idle-rss.ts',
  'http.ts',
  'queue.ts',
  'statuses.ts',
  'notifications.ts',
  'timelines.ts',
  'search.ts',
  'discovery.ts',
  'media.ts',
  'media-dedupe.ts',
  'user-archive.ts',
  'streaming.ts',
  'inbox.ts',
  'fanout.ts',
];

for (const script of scripts) {
  console.log(`\n== bench/${script}`);
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', fileURLToPath(new URL(script, import.meta.url))],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) console.log(`(bench/${script} exited with ${result.status})`);
}
