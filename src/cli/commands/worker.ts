import { defaultJobConcurrency, queueNames, type QueueName } from '../../core/queue.ts';
import { UsageError, type Command } from '../command.ts';
import { expectPositionals, parseOptions } from '../options.ts';
import { serve } from '../serve.ts';

/** `default,push` into queue names; an unknown name is a usage error naming the known ones. */
export function parseQueues(value: string): QueueName[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--queues needs at least one queue name');
  for (const name of names) {
    if (!(queueNames as readonly string[]).includes(name)) {
      throw new UsageError(
        `unknown queue ${JSON.stringify(name)} (queues: ${queueNames.join(', ')})`,
      );
    }
  }
  return [...new Set(names)] as QueueName[];
}

export function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 200) {
    throw new UsageError('--concurrency must be a whole number from 1 to 200');
  }
  return n;
}

export const worker: Command = {
  name: 'worker',
  summary: 'Run the worker role: take jobs from the given queues (all by default)',
  usage: 'woolly worker [--queues default,push,...] [--concurrency N]',
  async run(args) {
    const { values, positionals } = parseOptions(args, { queues: 'string', concurrency: 'string' });
    expectPositionals(positionals, []);
    const queues = values.queues === undefined ? undefined : parseQueues(values.queues);
    const concurrency =
      values.concurrency === undefined
        ? defaultJobConcurrency
        : parseConcurrency(values.concurrency);
    return serve('worker', {
      http: false,
      streaming: false,
      workers: { queues, concurrency },
      scheduler: false,
    });
  },
};
