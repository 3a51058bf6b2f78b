/** `woolly setup`: a fresh one-time link to create the Owner in the browser (new instances only). */
import { createOwnerSetupLink } from '../../domain/instance/setup.ts';
import { CommandError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

export const setup: Command = {
  name: 'setup',
  summary: 'Print a one-time link to create the Owner account in the browser',
  usage: 'woolly setup',
  async run(args) {
    expectPositionals(parseOptions(args, {}).positionals, []);
    return withWoolly(async ({ deps }) => {
      const link = await createOwnerSetupLink(deps);
      if (!link) {
        throw new CommandError(
          'this instance already has accounts, so it needs no set-up link; to add an owner, run ' +
            'woolly accounts create NAME --email E --role Owner --confirmed',
        );
      }
      console.log('Open this link in a browser to create the Owner account. It works once, and');
      console.log('only while Woolly is running (woolly start) and no account exists:');
      console.log(link);
      return 0;
    });
  },
};
