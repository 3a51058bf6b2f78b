/**
 * Preloaded (`node --import`) into the `woolly start` of idle-modules.test.ts: records the URL
 * of every module the process loads, ES modules and CommonJS alike, and on SIGTERM (before the
 * shutdown that the signal starts) writes them, one a line, to WOOLLY_MODULES_OUT.
 */
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});

process.once('SIGTERM', () => {
  writeFileSync(process.env.WOOLLY_MODULES_OUT!, [...loaded].join('\n'));
});
