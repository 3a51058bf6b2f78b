/**
 * `woolly media usage` and `woolly media remove-unattached`, as tootctl's `media usage` and
 * the cleanup Mastodon's scheduler runs daily: uploads never attached to a post within a day
 * are removed with their files.
 */
import { mediaUsage } from '../../db/repositories/media-attachments.ts';
import { removeOrphanedMedia } from '../../domain/media-attachments/cleanup.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export const media: Command = {
  name: 'media',
  summary: 'Media storage: usage, and removing uploads never attached to a post',
  usage: 'woolly media usage|remove-unattached',
  async run(args) {
    const { positionals } = parseOptions(args, {});
    const [action] = positionals;
    if (action !== 'usage' && action !== 'remove-unattached') {
      throw new UsageError(
        action === undefined
          ? 'missing usage|remove-unattached'
          : `unknown action ${JSON.stringify(action)}`,
      );
    }
    expectPositionals(positionals, ['usage|remove-unattached']);
    return withWoolly(async ({ deps }) => {
      if (action === 'usage') {
        const usage = await mediaUsage(deps.db);
        console.log(`${usage.attachments} attachments, ${mib(usage.bytes)} of original files`);
      } else {
        console.log(`Removed ${await removeOrphanedMedia(deps)} uploads never attached to a post`);
      }
      return 0;
    });
  },
};
