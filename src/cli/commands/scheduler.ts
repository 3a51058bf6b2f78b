import type { Command } from '../command.ts';
import { expectPositionals, parseOptions } from '../options.ts';
import { serve } from '../serve.ts';

export const scheduler: Command = {
  name: 'scheduler',
  summary: 'Run the scheduler role: enqueue the recurring jobs (once per period cluster-wide)',
  usage: 'woolly scheduler',
  async run(args) {
    expectPositionals(parseOptions(args, {}).positionals, []);
    return serve('scheduler', { http: false, streaming: false, workers: false, scheduler: true });
  },
};
