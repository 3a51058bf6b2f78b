/**
 * The `woolly` command. Each subcommand lives in cli/commands/ and calls domain services
 * (through the composition root), never raw SQL.
 */
import { ConfigError } from '../config/load.ts';
import { AppError } from '../core/errors.ts';
import { CommandError, UsageError, type Command } from './command.ts';
import { runWithIo, type CliIo } from './context.ts';
import { start } from './commands/start.ts';
import { web } from './commands/web.ts';
import { streaming } from './commands/streaming.ts';
import { worker } from './commands/worker.ts';
import { scheduler } from './commands/scheduler.ts';
import { db } from './commands/db.ts';
import { accounts } from './commands/accounts.ts';
import { instances } from './commands/instances.ts';
import { settings } from './commands/settings.ts';
import { secrets } from './commands/secrets.ts';
import { config } from './commands/config.ts';
import { setup } from './commands/setup.ts';
import { feeds } from './commands/feeds.ts';
import { search } from './commands/search.ts';
import { media } from './commands/media.ts';
import { emoji } from './commands/emoji.ts';
import { domains } from './commands/domains.ts';
import { relays } from './commands/relays.ts';
import { announcements } from './commands/announcements.ts';
import { trends } from './commands/trends.ts';

const commands: Command[] = [
  start,
  web,
  streaming,
  worker,
  scheduler,
  db,
  accounts,
  instances,
  settings,
  secrets,
  config,
  setup,
  feeds,
  search,
  media,
  emoji,
  domains,
  relays,
  announcements,
  trends,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: woolly <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `woolly <command> --help` for a command\u2019s options.',
  ].join('\n');
}

/**
 * Runs `woolly argv...` and returns its exit code. Without `io` the command uses the process's
 * environment and output (bin/woolly); with it, the given ones (see context.ts).
 */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  return io ? runWithIo(io, () => run(argv)) : run(argv);
}

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`woolly: unknown command ${JSON.stringify(name)}\n\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`woolly ${command.name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof CommandError || error instanceof ConfigError) {
      console.error(`woolly ${command.name}: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      const details = error.body?.details as Record<string, { description: string }[]> | undefined;
      console.error(`woolly ${command.name}: ${error.message}`);
      if (details)
        for (const [f, errs] of Object.entries(details))
          for (const e of errs) console.error(`  ${f}: ${e.description}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
