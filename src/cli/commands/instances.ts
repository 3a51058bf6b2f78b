/**
 * `woolly instances list [--unavailable]`: the servers Woolly knows accounts on or delivers
 * to, and whether deliveries reach them. A server that keeps failing is marked unavailable
 * (its deliveries are held, then probed again after 30 minutes); see docs/federation.md.
 */
import type { Woolly } from '../../app.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

type Row = Awaited<ReturnType<Woolly['instanceReachability']>>[number];

function line(row: Row): string {
  const since = row.unavailableSince
    ? ` since ${new Date(row.unavailableSince).toISOString()}`
    : '';
  return `${row.domain}\t${row.state}${since}\taccounts: ${row.accounts}\trecent failures: ${row.recentFailures}`;
}

async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { unavailable: 'boolean' });
  expectPositionals(positionals, []);
  return withWoolly(async (woolly) => {
    const rows = (await woolly.instanceReachability()).filter(
      (row) => !values.unavailable || row.state !== 'available',
    );
    if (rows.length === 0) {
      console.log(values.unavailable ? 'Every known server is reachable.' : 'No known servers.');
      return 0;
    }
    for (const row of rows) console.log(line(row));
    return 0;
  });
}

export const instances: Command = {
  name: 'instances',
  summary: 'Known servers and whether deliveries reach them',
  usage: 'woolly instances list [--unavailable]',
  async run(args) {
    const [action, ...rest] = args;
    if (action === 'list') return list(rest);
    throw new UsageError(
      action === undefined
        ? 'missing action: list'
        : `unknown instances action ${JSON.stringify(action)}`,
    );
  },
};
