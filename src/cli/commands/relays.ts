/**
 * `woolly relays add|remove|list`: the relays the instance follows (Mastodon keeps these on
 * an admin page; Woolly has no admin web page for them, so this is the interface). Adding
 * sends the relay a Follow from the instance actor (delivered by the `push` queue of a
 * running Woolly); the relay's answer shows in `list` as accepted or rejected.
 */
import { AppError } from '../../core/errors.ts';
import { listRelays } from '../../db/repositories/relays.ts';
import { addRelay } from '../../domain/relays/add-relay.ts';
import { removeRelay } from '../../domain/relays/remove-relay.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const usage = [
  'woolly relays add INBOX_URL',
  '       woolly relays remove INBOX_URL',
  '       woolly relays list',
].join('\n');

/** A refused input (a bad URL, a relay already there or not there) as a command error. */
async function refusedAsCommandError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new CommandError(error.message);
    throw error;
  }
}

async function add(args: string[]): Promise<number> {
  const [inbox] = expectPositionals(parseOptions(args, {}).positionals, ['INBOX_URL']);
  return withWoolly(async ({ deps }) => {
    const relay = await refusedAsCommandError(() => addRelay(deps, inbox!));
    console.log(`OK: ${relay.inboxUrl} ${relay.state} (Follow queued)`);
    return 0;
  });
}

async function remove(args: string[]): Promise<number> {
  const [inbox] = expectPositionals(parseOptions(args, {}).positionals, ['INBOX_URL']);
  return withWoolly(async ({ deps }) => {
    const relay = await refusedAsCommandError(() => removeRelay(deps, inbox!));
    console.log(`OK: ${relay.inboxUrl} removed (Undo queued)`);
    return 0;
  });
}

async function list(args: string[]): Promise<number> {
  expectPositionals(parseOptions(args, {}).positionals, []);
  return withWoolly(async ({ deps }) => {
    for (const relay of await listRelays(deps.db)) {
      // A LitePub relay that follows the instance actor back says so in a third column.
      const followsBack = relay.followBackId === null ? '' : '\tfollows back';
      console.log(`${relay.inboxUrl}\t${relay.state}${followsBack}`);
    }
    return 0;
  });
}

export const relays: Command = {
  name: 'relays',
  summary: 'Follow, unfollow and list relays',
  usage,
  async run(args) {
    const [action, ...rest] = args;
    if (action === 'add') return add(rest);
    if (action === 'remove') return remove(rest);
    if (action === 'list') return list(rest);
    throw new UsageError(
      action === undefined
        ? 'missing action: add, remove or list'
        : `unknown action ${JSON.stringify(action)}`,
    );
  },
};
