/** Builds Woolly for a CLI command from the environment, and closes it afterwards. */
import { loadConfig } from '../config/load.ts';
import { createLogger } from '../core/logger.ts';
import { createWoolly, type Woolly } from '../app.ts';

export async function withWoolly<T>(fn: (woolly: Woolly) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const woolly = await createWoolly(config, { log: createLogger({ level: 'warn', pretty: true }) });
  try {
    return await fn(woolly);
  } finally {
    await woolly.close();
  }
}
