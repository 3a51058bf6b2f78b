import { loadConfig } from '../../config/load.ts';
import { createOwnerSetupLink } from '../../domain/instance/setup.ts';
import type { Command } from '../command.ts';

export const start: Command = {
  name: 'start',
  summary: 'Run everything in one process: web, API, streaming, workers and scheduler',
  usage: 'woolly start',
  async run() {
    const started = performance.now();
    const config = loadConfig();
    // Loaded here, not at the top, so that other commands do not pay for the whole server.
    const { createWoolly } = await import('../../app.ts');
    const woolly = await createWoolly(config);
    await woolly.listen();
    const log = woolly.deps.log;
    log.info(`Woolly is listening on http://${config.bind}:${config.port} (${config.baseUrl})`, {
      database: config.database.kind,
      startup_ms: Math.round(performance.now() - started),
    });
    // A new instance: say how to create its first account (a fresh link on every start).
    const setupLink = await createOwnerSetupLink(woolly.deps);
    if (setupLink) {
      log.warn(
        `No account exists yet. Open this one-time link to create the Owner account: ${setupLink}`,
        { setup_url: setupLink },
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        log.info('shutting down: draining requests and jobs');
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await woolly.close();
    return 0;
  },
};
