/**
 * `woolly accounts refresh ACCT | --all | --domain D`: fetches remote accounts again from
 * their servers (tootctl accounts refresh), printing one line per account as it goes and
 * the counts at the end. An account that cannot be fetched is counted, not fatal.
 */
import type { Woolly } from '../../app.ts';
import { UsageError } from '../command.ts';
import { withWoolly } from '../context.ts';
import { parseOptions } from '../options.ts';

type Selection = Parameters<Woolly['refreshRemoteAccounts']>[0];

export async function refreshAccounts(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { all: 'boolean', domain: 'string' });
  const chosen = [positionals.length > 0, values.all === true, values.domain !== undefined];
  if (chosen.filter(Boolean).length !== 1 || positionals.length > 1) {
    throw new UsageError('give one of: an address (bob@example.com), --all or --domain DOMAIN');
  }
  const selection: Selection =
    positionals.length > 0
      ? { acct: positionals[0]! }
      : values.domain !== undefined
        ? { domain: values.domain }
        : { all: true };
  if ('acct' in selection && !/^@?[^@\s]+@[^@\s]+$/.test(selection.acct)) {
    throw new UsageError(`expected a remote address such as bob@example.com: ${selection.acct}`);
  }
  return withWoolly(async (woolly) => {
    const counts = await woolly.refreshRemoteAccounts(
      selection,
      (done, total, account, outcome) => {
        console.log(`[${done}/${total}] ${account.username}@${account.domain}: ${outcome}`);
      },
    );
    const total = counts.refreshed + counts.unreachable + counts.skipped;
    if (total === 0) {
      console.log('No remote account matched.');
      return 1;
    }
    console.log(
      `Refreshed ${counts.refreshed}, unreachable ${counts.unreachable}, skipped ${counts.skipped}.`,
    );
    return 0;
  });
}
