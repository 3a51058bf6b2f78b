import { createOwnerSetupLink } from '../../domain/instance/setup.ts';
import type { Command } from '../command.ts';
import { expectPositionals, parseOptions } from '../options.ts';
import { serve } from '../serve.ts';
import { parseConcurrency } from './worker.ts';

export const start: Command = {
  name: 'start',
  summary: 'Run everything in one process: web, API, streaming, workers and scheduler',
  usage: 'woolly start [--concurrency N]',
  async run(args) {
    const { values, positionals } = parseOptions(args, { concurrency: 'string' });
    expectPositionals(positionals, []);
    // Jobs at once (default 10, as `woolly worker`); on PostgreSQL, jobs wait on round trips
    // more than on the CPU, so more of them at once take more work.
    const workers =
      values.concurrency === undefined ? {} : { concurrency: parseConcurrency(values.concurrency) };
    return serve('everything', { workers }, async (woolly) => {
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
