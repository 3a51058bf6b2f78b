import type { Command } from '../command.ts';
import { expectPositionals, parseOptions } from '../options.ts';
import { serve } from '../serve.ts';

export const streaming: Command = {
  name: 'streaming',
  summary: 'Run the streaming role: /api/v1/streaming (WebSocket and SSE) and health checks',
  usage: 'woolly streaming',
  async run(args) {
    expectPositionals(parseOptions(args, {}).positionals, []);
    return serve('streaming', { http: false, streaming: true, workers: false, scheduler: false });
  },
};
