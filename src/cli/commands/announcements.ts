/**
 * `woolly announcements create|update|list|publish|unpublish|delete`: what an admin posts to
 * every user of the instance (Mastodon's admin announcements), until the admin UI exists.
 *
 * @example woolly announcements create --text "Maintenance tonight" --publish
 */
import {
  allAnnouncements,
  createAnnouncement,
  deleteAnnouncement,
  publishAnnouncement,
  unpublishAnnouncement,
  updateAnnouncement,
  type AnnouncementInput,
} from '../../domain/announcements/manage.ts';
import type { AnnouncementRecord } from '../../db/repositories/announcements.ts';
import { isId } from '../../core/ids.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const actions = ['create', 'update', 'list', 'publish', 'unpublish', 'delete'] as const;
type Action = (typeof actions)[number];

const optionKinds = {
  text: 'string',
  'starts-at': 'string',
  'ends-at': 'string',
  'all-day': 'boolean',
  'no-all-day': 'boolean',
  publish: 'boolean',
} as const;

/** A date option (ISO 8601, as `date -Iseconds` prints it); `none` clears it. */
function dateOption(name: string, value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new UsageError(`--${name} must be a date such as 2026-12-24T18:00:00Z`);
  return ms;
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

function describe(a: AnnouncementRecord): string {
  const state = a.published ? 'published' : 'draft';
  const when =
    a.startsAt === null
      ? ''
      : ` ${iso(a.startsAt)}..${iso(a.endsAt)}${a.allDay ? ' (all day)' : ''}`;
  const text = a.text.length > 60 ? `${a.text.slice(0, 59)}…` : a.text;
  return `${a.id}  ${state}${when}  ${JSON.stringify(text)}`;
}

export const announcements: Command = {
  name: 'announcements',
  summary: 'Announcements to every user: create, update, list, publish, unpublish, delete',
  usage: [
    'woolly announcements create --text TEXT [--starts-at DATE --ends-at DATE] [--all-day] [--publish]',
    '       woolly announcements update ID [--text TEXT] [--starts-at DATE|none --ends-at DATE|none] [--all-day|--no-all-day]',
    '       woolly announcements list',
    '       woolly announcements publish|unpublish|delete ID',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseOptions(args, optionKinds);
    const action = positionals[0] as Action | undefined;
    if (action === undefined || !actions.includes(action)) {
      throw new UsageError(
        action === undefined
          ? `missing ${actions.join('|')}`
          : `unknown action ${JSON.stringify(action)}`,
      );
    }
    const id =
      action === 'create' || action === 'list'
        ? (expectPositionals(positionals, [action]), null)
        : expectPositionals(positionals, [action, 'ID'])[1]!;
    if (id !== null && !isId(id)) throw new UsageError(`${JSON.stringify(id)} is not an id`);
    const changes: Partial<AnnouncementInput> = {
      ...(values.text === undefined ? {} : { text: values.text }),
      ...(values['all-day'] ? { allDay: true } : values['no-all-day'] ? { allDay: false } : {}),
    };
    const startsAt = dateOption('starts-at', values['starts-at']);
    const endsAt = dateOption('ends-at', values['ends-at']);
    if (startsAt !== undefined) changes.startsAt = startsAt;
    if (endsAt !== undefined) changes.endsAt = endsAt;
    if (action === 'create' && values.text === undefined) throw new UsageError('missing --text');
    return withWoolly(async ({ deps }) => {
      switch (action) {
        case 'create':
          console.log(
            describe(
              await createAnnouncement(deps, {
                ...changes,
                text: values.text!,
                publish: values.publish ?? false,
              }),
            ),
          );
          break;
        case 'update':
          console.log(describe(await updateAnnouncement(deps, id!, changes)));
          break;
        case 'list':
          for (const a of await allAnnouncements(deps)) console.log(describe(a));
          break;
        case 'publish':
          console.log(describe(await publishAnnouncement(deps, id!)));
          break;
        case 'unpublish':
          console.log(describe(await unpublishAnnouncement(deps, id!)));
          break;
        case 'delete':
          await deleteAnnouncement(deps, id!);
          console.log('OK');
          break;
      }
      return 0;
    });
  },
};
