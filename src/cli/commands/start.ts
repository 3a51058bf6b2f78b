import { createOwnerSetupLink } from '../../domain/instance/setup.ts';
import type { Command } from '../command.ts';
import { serve } from '../serve.ts';

export const start: Command = {
  name: 'start',
  summary: 'Run everything in one process: web, API, streaming, workers and scheduler',
  usage: 'woolly start',
  async run() {
    return serve('everything', {}, async (woolly) => {
      // A new instance: say how to create its first account (a fresh link on every start).
      const setupLink = await createOwnerSetupLink(woolly.deps);
      if (setupLink) {
        woolly.deps.log.warn(
          `No account exists yet. Open this one-time link to create the Owner account: ${setupLink}`,
          { setup_url: setupLink },
        );
      }
    });
  },
};
