/**
 * `woolly feeds build [--account NAME]` and `woolly feeds clear`: rebuild the precomputed home
 * and list feeds (of one local account, or all), or drop them all, to be built again as each
 * is next read. As tootctl feeds.
 */
import { AppError } from '../../core/errors.ts';
import { buildFeeds, clearAllFeeds } from '../../domain/timelines/rebuild-feeds.ts';
import { CommandError, UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

export const feeds: Command = {
  name: 'feeds',
  summary: 'Build or clear the home and list feeds',
  usage: 'woolly feeds build [--account NAME] | woolly feeds clear',
  async run(args) {
    const { values, positionals } = parseOptions(args, { account: 'string' });
    const [action] = positionals;
    if (action === 'build') {
      expectPositionals(positionals, ['build']);
      const username = values.account ?? null;
      return withWoolly(async ({ deps }) => {
        try {
          const count = await buildFeeds(deps, username);
          console.log(`OK: built the feeds of ${count} account${count === 1 ? '' : 's'}`);
        } catch (error) {
          if (username !== null && error instanceof AppError && error.status === 404) {
            throw new CommandError(`no local account ${JSON.stringify(username)}`);
          }
          throw error;
        }
        return 0;
      });
    }
    if (action === 'clear') {
      expectPositionals(positionals, ['clear']);
      if (values.account !== undefined) throw new UsageError('--account is for build only');
      return withWoolly(async ({ deps }) => {
        await clearAllFeeds(deps);
        console.log('OK');
        return 0;
      });
    }
    throw new UsageError(
      action === undefined
        ? 'missing action: build or clear'
        : `unknown action ${JSON.stringify(action)}`,
    );
  },
};
