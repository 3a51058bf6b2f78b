import type { Command } from '../command.ts';
import { parseOptions, expectPositionals } from '../options.ts';
import { serve } from '../serve.ts';

export const web: Command = {
  name: 'web',
  summary: 'Run the web role: Mastodon API, OAuth, pages, federation inbox (jobs only enqueued)',
  usage: 'woolly web [--no-streaming]',
  async run(args) {
    const { values, positionals } = parseOptions(args, { 'no-streaming': 'boolean' });
    expectPositionals(positionals, []);
    // Streaming stays on the main port unless `woolly streaming` processes serve it instead.
    return serve('web', {
      http: true,
      streaming: !values['no-streaming'],
      workers: false,
      scheduler: false,
    });
  },
};
