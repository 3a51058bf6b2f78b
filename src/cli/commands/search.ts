/**
 * `woolly search reindex`: rebuild the full-text index of posts from the posts themselves
 * (after restoring a backup, or if the index jobs were lost). As tootctl search deploy.
 */
import { reindexStatuses } from '../../domain/search/reindex.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

export const search: Command = {
  name: 'search',
  summary: 'Rebuild the full-text index of posts',
  usage: 'woolly search reindex',
  async run(args) {
    const { positionals } = parseOptions(args, {});
    const [action] = positionals;
    if (action !== 'reindex') {
      throw new UsageError(
        action === undefined
          ? 'missing action: reindex'
          : `unknown action ${JSON.stringify(action)}`,
      );
    }
    expectPositionals(positionals, ['reindex']);
    return withWoolly(async ({ deps }) => {
      const count = await reindexStatuses(deps);
      console.log(`OK: indexed ${count} post${count === 1 ? '' : 's'}`);
      return 0;
    });
  },
};
