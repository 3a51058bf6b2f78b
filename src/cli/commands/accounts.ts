/**
 * `woolly accounts create|modify|delete`: tootctl's account commands, through the domain
 * services, so a CLI-made account is made exactly as a sign-up is (events, mails and all).
 */
import { getSettings } from '../../domain/instance/settings.ts';
import { requestConfirmation } from '../../domain/accounts/confirmation.ts';
import { createLocalAccount } from '../../domain/accounts/create-local-account.ts';
import { deleteLocalAccount } from '../../domain/accounts/delete-local-account.ts';
import { findLocalUser, type LocalUser } from '../../domain/accounts/local-user.ts';
import { modifyUser, type UserChanges } from '../../domain/accounts/modify-user.ts';
import { parseRole, roleNames, type RoleName } from '../../domain/accounts/roles.ts';
import { generatePassword, setPassword } from '../../domain/accounts/set-password.ts';
import type { Deps } from '../../domain/context.ts';
import { aliasAccount, moveAccount } from './accounts-migration.ts';
import { refreshAccounts } from './accounts-refresh.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const usage = [
  'woolly accounts create NAME --email E [--confirmed] [--role Owner|Admin|Moderator|User] [--approve]',
  '       woolly accounts modify NAME [--role R] [--email E] [--confirm] [--approve] [--enable | --disable] [--reset-password]',
  '       woolly accounts delete NAME',
  '       woolly accounts alias NAME HANDLE [--remove]',
  '       woolly accounts move NAME HANDLE',
  '       woolly accounts refresh ACCT | --all | --domain DOMAIN',
].join('\n');

function role(name: string | undefined): RoleName | undefined {
  if (name === undefined) return undefined;
  const found = parseRole(name);
  if (!found) {
    throw new UsageError(
      `unknown role ${JSON.stringify(name)}: the roles are ${roleNames.join(', ')}`,
    );
  }
  return found;
}

async function localUser(deps: Deps, name: string): Promise<LocalUser> {
  const found = await findLocalUser(deps, name);
  if (!found) throw new CommandError(`no local account is called ${JSON.stringify(name)}`);
  return found;
}

async function create(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    email: 'string',
    confirmed: 'boolean',
    role: 'string',
    approve: 'boolean',
  });
  const [username] = expectPositionals(positionals, ['NAME']);
  if (values.email === undefined)
    throw new UsageError('--email is required: every account needs an e-mail address');
  const chosenRole = role(values.role);
  return withWoolly(async ({ deps }) => {
    const { registrations_mode } = await getSettings(deps);
    const password = generatePassword();
    const { user } = await createLocalAccount(deps, {
      username: username!,
      email: values.email!,
      password,
      role: chosenRole,
      confirmed: values.confirmed === true,
      // As on sign-up: only "approved" registrations wait for a moderator, unless --approve.
      approved: values.approve === true || registrations_mode !== 'approved',
      allowReservedUsername: true,
    });
    if (!values.confirmed) {
      await requestConfirmation(deps, user);
      console.log(
        `A confirmation mail to ${user.email} is queued; the running server sends it. ` +
          `Or confirm now: woolly accounts modify ${username} --confirm`,
      );
    }
    if (!user.approved)
      console.log(`The account waits for approval: woolly accounts modify ${username} --approve`);
    console.log('OK');
    console.log(`New password: ${password}`);
    return 0;
  });
}

async function modify(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    role: 'string',
    email: 'string',
    confirm: 'boolean',
    approve: 'boolean',
    enable: 'boolean',
    disable: 'boolean',
    'reset-password': 'boolean',
  });
  const [username] = expectPositionals(positionals, ['NAME']);
  if (values.enable && values.disable)
    throw new UsageError('--enable and --disable contradict each other');
  const changes: UserChanges = {
    role: role(values.role),
    email: values.email,
    confirm: values.confirm,
    approve: values.approve,
    disabled: values.enable ? false : values.disable ? true : undefined,
  };
  const resetPassword = values['reset-password'] === true;
  if (!resetPassword && Object.values(changes).every((v) => v === undefined)) {
    throw new UsageError('nothing to change: give at least one option');
  }
  return withWoolly(async ({ deps }) => {
    const { user } = await localUser(deps, username!);
    const modified = await modifyUser(deps, user, changes);
    if (changes.email !== undefined && !changes.confirm) {
      console.log(
        `A confirmation mail to ${changes.email} is queued; the address changes when it is confirmed.`,
      );
    }
    let password: string | null = null;
    if (resetPassword) {
      password = generatePassword();
      await setPassword(deps, modified, password);
    }
    console.log('OK');
    if (password) console.log(`New password: ${password}`);
    return 0;
  });
}

async function remove(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [username] = expectPositionals(positionals, ['NAME']);
  return withWoolly(async ({ deps }) => {
    const found = await localUser(deps, username!);
    console.log(`Deleting @${found.account.username} with ${found.account.statusesCount} posts...`);
    await deleteLocalAccount(deps, found);
    console.log('OK');
    return 0;
  });
}

export const accounts: Command = {
  name: 'accounts',
  summary: 'Create, modify, delete and move local accounts',
  usage,
  async run(args) {
    const [action, ...rest] = args;
    if (action === 'create') return create(rest);
    if (action === 'modify') return modify(rest);
    if (action === 'delete') return remove(rest);
    if (action === 'alias') return aliasAccount(rest);
    if (action === 'move') return moveAccount(rest);
    if (action === 'refresh') return refreshAccounts(rest);
    throw new UsageError(
      action === undefined
        ? 'missing action: create, modify, delete, alias or move'
        : `unknown accounts action ${JSON.stringify(action)}`,
    );
  },
};
