/** `woolly settings registrations open|approved|close`: who may sign up, as tootctl sets it. */
import { updateSettings, type RegistrationMode } from '../../domain/instance/settings.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

// tootctl's words on the left, Mastodon's stored setting on the right.
const modes: Record<string, RegistrationMode> = {
  open: 'open',
  approved: 'approved',
  close: 'none',
};

export const settings: Command = {
  name: 'settings',
  summary: 'Change instance settings: who may sign up',
  usage: 'woolly settings registrations open|approved|close',
  async run(args) {
    const { positionals } = parseOptions(args, {});
    const [setting, value] = positionals;
    if (setting !== 'registrations') {
      throw new UsageError(
        setting === undefined
          ? 'missing setting: registrations'
          : `unknown setting ${JSON.stringify(setting)}`,
      );
    }
    expectPositionals(positionals, ['registrations', 'open|approved|close']);
    const mode = modes[value!];
    if (!mode)
      throw new UsageError(
        `registrations must be open, approved or close, not ${JSON.stringify(value)}`,
      );
    return withWoolly(async ({ deps }) => {
      await updateSettings(deps, { registrations_mode: mode });
      console.log('OK');
      return 0;
    });
  },
};
