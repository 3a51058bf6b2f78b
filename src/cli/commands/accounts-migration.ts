/**
 * `woolly accounts alias NAME HANDLE [--remove]` and `woolly accounts move NAME HANDLE`:
 * account migration, which Mastodon offers on its settings pages and Woolly here. An alias
 * names an account NAME was (so that it may move to NAME); a move sends NAME's followers to
 * HANDLE, which must alias NAME. HANDLE is `user@domain` (looked up on its server) or a
 * local username.
 */
import type { Woolly } from '../../app.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findLocalUser } from '../../domain/accounts/local-user.ts';
import { addAlias, removeAlias } from '../../domain/migration/aliases.ts';
import { moveLocalAccount } from '../../domain/migration/move-account.ts';
import { CommandError } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

async function local(woolly: Woolly, name: string): Promise<AccountRecord> {
  const found = await findLocalUser(woolly.deps, name);
  if (!found) throw new CommandError(`no local account is called ${JSON.stringify(name)}`);
  return found.account;
}

async function anyAccount(woolly: Woolly, handle: string): Promise<AccountRecord> {
  const bare = handle.replace(/^@/, '');
  const [user, domain] = bare.split('@');
  if (!domain || domain === woolly.config.localDomain) return local(woolly, user!);
  const found = await woolly.resolveAccount(bare);
  if (!found) throw new CommandError(`could not find ${JSON.stringify(handle)} on its server`);
  return found;
}

export async function aliasAccount(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { remove: 'boolean' });
  const [name, handle] = expectPositionals(positionals, ['NAME', 'HANDLE']);
  return withWoolly(async (woolly) => {
    const account = await local(woolly, name!);
    const other = await anyAccount(woolly, handle!);
    const changed = values.remove
      ? await removeAlias(woolly.deps, account, other)
      : await addAlias(woolly.deps, account, other);
    console.log(
      `OK: @${changed.username} is also known as ${changed.alsoKnownAs.join(', ') || 'nobody'}`,
    );
    return 0;
  });
}

export async function moveAccount(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [name, handle] = expectPositionals(positionals, ['NAME', 'HANDLE']);
  return withWoolly(async (woolly) => {
    const account = await local(woolly, name!);
    const target = await anyAccount(woolly, handle!);
    await moveLocalAccount(woolly.deps, account, target);
    console.log(`OK: @${account.username} moved to ${target.uri}`);
    return 0;
  });
}
