/**
 * Builds Woolly for a CLI command from the environment, and closes it afterwards.
 *
 * The composition root (and with it the HTTP app and the federation library) is imported only
 * when a command needs it, so `woolly secrets generate` or `woolly --help` answer at once.
 */
import { loadConfig } from '../config/load.ts';
import { createLogger } from '../core/logger.ts';
import type { Woolly } from '../app.ts';

export async function withWoolly<T>(fn: (woolly: Woolly) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { createWoolly } = await import('../app.ts');
  const woolly = await createWoolly(config, { log: createLogger({ level: 'warn', pretty: true }) });
  try {
    return await fn(woolly);
  } finally {
    await woolly.close();
  }
}
