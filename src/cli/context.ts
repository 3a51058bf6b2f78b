/**
 * What a `woolly` command runs in: its environment, working directory and output streams, and
 * Woolly built from them (closed afterwards).
 *
 * `bin/woolly` runs a command with the process's own. A caller that runs commands in its own
 * process (the test suite) passes its own to `main()`: the command then reads that environment
 * (never `process.env`), and whatever it prints (console, `process.stdout.write`,
 * `process.stderr.write`) goes to that caller's streams, while the rest of the process prints
 * as before. The routing follows the command's async context (AsyncLocalStorage), so commands
 * running at the same time do not mix their output.
 *
 * The composition root (and with it the HTTP app and the federation library) is imported only
 * when a command needs it, so `woolly secrets generate` or `woolly --help` answer at once.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { createLogger } from '../core/logger.ts';
import type { Woolly } from '../app.ts';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Where `.env` is read from and relative paths of the configuration resolve. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const running = new AsyncLocalStorage<CliIo>();

/** The environment of the command being run: the injected one, else the process's. */
export function cliEnv(): NodeJS.ProcessEnv {
  return running.getStore()?.env ?? process.env;
}

/** The configuration from the command's environment (and its `.env`), with `overrides` on top. */
export function cliConfig(overrides: Record<string, string> = {}): Config {
  const io = running.getStore();
  return loadConfig({ env: { ...(io?.env ?? process.env), ...overrides }, cwd: io?.cwd });
}

export async function withWoolly<T>(fn: (woolly: Woolly) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const { createWoolly } = await import('../app.ts');
  const woolly = await createWoolly(config, { log: createLogger({ level: 'warn', pretty: true }) });
  try {
    return await fn(woolly);
  } finally {
    await woolly.close();
  }
}

/** Runs `fn` (a command) with `io` as its environment and output. */
export function runWithIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  routeOutput();
  return running.run(io, fn);
}

let routed = false;

/**
 * Makes writes to process.stdout/stderr made inside a `runWithIo` go to its streams. Installed
 * once, on the first in-process run; `bin/woolly` never installs it.
 */
function routeOutput(): void {
  if (routed) return;
  routed = true;
  for (const [stream, pick] of [
    [process.stdout, (io: CliIo) => io.stdout],
    [process.stderr, (io: CliIo) => io.stderr],
  ] as const) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const io = running.getStore();
      if (!io) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      pick(io)(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((arg) => typeof arg === 'function') as
        ((error: null) => void) | undefined;
      if (callback) queueMicrotask(() => callback(null));
      return true;
    }) as typeof stream.write;
  }
}
