/**
 * `woolly config check`: the configuration Woolly would run with, after defaults, `.env` and
 * the environment, secrets masked; then whether the database answers. A bad variable exits 1
 * with the message `woolly start` would give.
 */
import { existsSync } from 'node:fs';
import { describeConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { openDatabase } from '../../db/open.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { cliConfig } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

/** `key: value` lines, nested objects indented under their key. */
export function formatConfig(values: Record<string, unknown>, indent = ''): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return [`${indent}${key}:`, ...formatConfig(value as Record<string, unknown>, `${indent}  `)];
    }
    const shown = Array.isArray(value)
      ? value.length
        ? value.join(', ')
        : '(none)'
      : value === undefined || value === null
        ? '(not set)'
        : String(value);
    return [`${indent}${key}: ${shown}`];
  });
}

async function checkDatabase(config: Config): Promise<string> {
  if (config.database.kind === 'sqlite') {
    return existsSync(config.database.path)
      ? `the SQLite file ${config.database.path} exists`
      : `the SQLite file ${config.database.path} will be created on the first start`;
  }
  const db = openDatabase(config);
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000).unref());
  const answers = await Promise.race([db.ping(), timeout]);
  void db.close().catch(() => {});
  if (!answers)
    throw new CommandError('the PostgreSQL database does not answer (see database.url above)');
  return 'PostgreSQL answers';
}

export const config: Command = {
  name: 'config',
  summary: 'Print the effective configuration with secrets masked, and check the database',
  usage: 'woolly config check',
  async run(args) {
    const { positionals } = parseOptions(args, {});
    if (positionals[0] !== 'check') {
      throw new UsageError(
        positionals[0] === undefined
          ? 'missing action: check'
          : `unknown config action ${JSON.stringify(positionals[0])}`,
      );
    }
    expectPositionals(positionals, ['check']);
    const loaded = cliConfig();
    for (const line of formatConfig(describeConfig(loaded))) console.log(line);
    console.log(`database check: ${await checkDatabase(loaded)}`);
    return 0;
  },
};
