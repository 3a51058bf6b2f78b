/**
 * `woolly media`, as tootctl's media commands: usage; remove-unattached (uploads never
 * attached to a post); remove (the remote media cache older than N days); remove-orphans
 * (stored files no row names); refresh (fetch remote media again); migrate (copy every file
 * to the other storage backend); retention (Mastodon's content retention settings).
 * Long-running actions print their progress on stderr and their result on stdout.
 */
import { archiveUsage } from '../../db/repositories/archives.ts';
import { mediaUsage, remoteCacheUsage } from '../../db/repositories/media-attachments.ts';
import { remoteMediaUsage } from '../../db/repositories/remote-media-files.ts';
import { removeOrphanedMedia } from '../../domain/media-attachments/cleanup.ts';
import { removeOrphanFiles } from '../../domain/remote-media/orphans.ts';
import { refreshRemoteMedia, type RefreshScope } from '../../domain/remote-media/refresh.ts';
import { removeRemoteMedia } from '../../domain/remote-media/retention.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';
import { migrateMedia } from './media-migrate.ts';
import { showOrSetRetention } from './media-retention.ts';

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const progress = (line: string) => process.stderr.write(`${line}\n`);

const actions = [
  'usage',
  'remove-unattached',
  'remove',
  'remove-orphans',
  'refresh',
  'migrate',
  'retention',
] as const;
type Action = (typeof actions)[number];

const options = {
  days: 'string',
  'prune-profiles': 'boolean',
  'remove-headers': 'boolean',
  'include-follows': 'boolean',
  'dry-run': 'boolean',
  after: 'string',
  account: 'string',
  domain: 'string',
  status: 'string',
  force: 'boolean',
  to: 'string',
  'media-cache': 'string',
  'content-cache': 'string',
  archives: 'string',
} as const;

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`--${name} must be a whole number of days`);
  return Number(value);
}

export const media: Command = {
  name: 'media',
  summary: 'Media storage: usage, cache removal, orphans, refresh, migration between backends',
  usage: [
    'woolly media usage',
    'woolly media remove-unattached',
    'woolly media remove [--days N] [--prune-profiles] [--remove-headers] [--include-follows] [--dry-run]',
    'woolly media remove-orphans [--dry-run] [--after KEY]',
    'woolly media refresh --account ID|--domain D|--status ID [--force]',
    'woolly media migrate --to s3|local [--after KEY]',
    'woolly media retention [--media-cache DAYS] [--content-cache DAYS] [--archives DAYS]',
  ].join('\n       '),
  async run(args) {
    const { values, positionals } = parseOptions(args, options);
    const [name] = positionals;
    if (!(actions as readonly string[]).includes(name ?? '')) {
      throw new UsageError(
        name === undefined
          ? `missing ${actions.join('|')}`
          : `unknown action ${JSON.stringify(name)}`,
      );
    }
    const action = name as Action;
    expectPositionals(positionals, [action]);
    if (action === 'migrate') return migrateMedia(values.to, values.after);
    const days = wholeNumber('days', values.days, 7);
    const scope = refreshScope(action, values);
    return withWoolly(async ({ deps }) => {
      const dry = values['dry-run'] === true ? ' (dry run: nothing removed)' : '';
      switch (action) {
        case 'usage': {
          const usage = await mediaUsage(deps.db);
          console.log(`${usage.attachments} attachments, ${mib(usage.bytes)} of original files`);
          const remote = await remoteCacheUsage(deps.db);
          console.log(
            `remote media cache: ${remote.attachments} attachments cached, ${mib(remote.bytes)} of original files`,
          );
          for (const kind of await remoteMediaUsage(deps.db)) {
            console.log(`remote ${kind.kind} cache: ${kind.files} files, ${mib(kind.bytes)}`);
          }
          const backups = await archiveUsage(deps.db);
          console.log(`backups: ${backups.files} user archives, ${mib(backups.bytes)}`);
          return 0;
        }
        case 'remove-unattached':
          console.log(
            `Removed ${await removeOrphanedMedia(deps)} uploads never attached to a post`,
          );
          return 0;
        case 'remove': {
          const tally = await removeRemoteMedia(deps, {
            days,
            pruneProfiles: values['prune-profiles'] === true,
            removeHeaders: values['remove-headers'] === true,
            includeFollows: values['include-follows'] === true,
            dryRun: values['dry-run'] === true,
            onProgress: (t) => progress(`... ${t.attachments} attachments, ${t.images} images`),
          });
          console.log(
            `Removed ${tally.attachments} cached remote attachments and ${tally.images} cached images, ${mib(tally.bytes)}${dry}`,
          );
          return 0;
        }
        case 'remove-orphans': {
          const tally = await removeOrphanFiles(deps, {
            dryRun: values['dry-run'] === true,
            after: values.after,
            onProgress: (t) =>
              progress(
                `... ${t.scanned} files looked at, ${t.removed} orphans, up to ${t.lastKey}`,
              ),
          });
          console.log(
            `Looked at ${tally.scanned} files, removed ${tally.removed} orphans, ${mib(tally.bytes)}${dry}`,
          );
          return 0;
        }
        case 'refresh': {
          const tally = await refreshRemoteMedia(deps, scope!, {
            force: values.force === true,
            onProgress: (t) => progress(`... ${t.cached} fetched, ${t.failed} failed`),
          });
          console.log(
            `Fetched ${tally.cached}, already cached ${tally['already-cached']}, failed ${tally.failed}`,
          );
          return 0;
        }
        case 'retention':
          return showOrSetRetention(deps, values);
      }
      return 2;
    });
  },
};

function refreshScope(
  action: Action,
  values: { account?: string; domain?: string; status?: string },
): RefreshScope | null {
  if (action !== 'refresh') return null;
  const given = [values.account, values.domain, values.status].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new UsageError('refresh needs one of --account, --domain, --status');
  const id = (name: string, value: string) => {
    if (!/^\d{1,19}$/.test(value)) throw new UsageError(`--${name} must be an id`);
    return value;
  };
  if (values.status !== undefined) return { statusId: id('status', values.status) };
  if (values.account !== undefined) return { accountId: id('account', values.account) };
  return { domain: values.domain! };
}
