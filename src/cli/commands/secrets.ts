/**
 * `woolly secrets generate`: new secrets as `.env` lines. Without SECRET_KEY_BASE an embedded
 * instance keeps its own in DATA_DIR/secrets.json; several processes on one database (scaled
 * out) need the same value, set here once and pasted into each one's environment.
 */
import { generateSecret } from '../../config/load.ts';
import { UsageError, type Command } from '../command.ts';
import { expectPositionals, parseOptions } from '../options.ts';

export const secrets: Command = {
  name: 'secrets',
  summary: 'Print new secrets as lines to paste into .env',
  usage: 'woolly secrets generate',
  async run(args) {
    const { positionals } = parseOptions(args, {});
    if (positionals[0] !== 'generate') {
      throw new UsageError(
        positionals[0] === undefined
          ? 'missing action: generate'
          : `unknown secrets action ${JSON.stringify(positionals[0])}`,
      );
    }
    expectPositionals(positionals, ['generate']);
    console.log(`SECRET_KEY_BASE=${generateSecret()}`);
    return 0;
  },
};
