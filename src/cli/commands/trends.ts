/**
 * `woolly trends`: whether trends show, whether an admin must approve them first, approving
 * and rejecting tags, links and posts, listing the current rankings and refreshing them now.
 *
 * @example woolly trends review on && woolly trends approve tag woolly
 */
import type { TrendKind } from '../../db/repositories/trends.ts';
import { rankedForAdmin, reviewByReference } from '../../domain/trends/admin.ts';
import { refreshTrends } from '../../domain/trends/refresh.ts';
import { changeTrendSettings, trendSettingsOf } from '../../domain/trends/review.ts';
import { UsageError, type Command } from '../command.ts';
import { withWoolly } from '../context.ts';
import { expectPositionals, parseOptions } from '../options.ts';

const kinds: Record<string, TrendKind> = {
  tag: 'tag',
  tags: 'tag',
  link: 'link',
  links: 'link',
  status: 'status',
  statuses: 'status',
};

function kindOf(word: string | undefined): TrendKind {
  const kind = word === undefined ? undefined : kinds[word];
  if (!kind) throw new UsageError(`expected tag, link or status, not ${JSON.stringify(word)}`);
  return kind;
}

const usage = [
  'woolly trends status|enable|disable|refresh',
  '       woolly trends review on|off',
  '       woolly trends list tags|links|statuses',
  '       woolly trends approve|reject tag NAME | link URL | status ID',
].join('\n');

export const trends: Command = {
  name: 'trends',
  summary: 'Trends: turn on or off, require review, approve, reject, list, refresh',
  usage,
  async run(args) {
    const { positionals } = parseOptions(args, {});
    const [action, first, second] = positionals;
    switch (action) {
      case 'status':
      case 'enable':
      case 'disable':
      case 'refresh':
        expectPositionals(positionals, [action]);
        break;
      case 'review':
        expectPositionals(positionals, ['review', 'on|off']);
        if (first !== 'on' && first !== 'off') throw new UsageError('review takes on or off');
        break;
      case 'list':
        expectPositionals(positionals, ['list', 'tags|links|statuses']);
        kindOf(first);
        break;
      case 'approve':
      case 'reject':
        expectPositionals(positionals, [action, 'tag|link|status', 'NAME|URL|ID']);
        kindOf(first);
        break;
      default:
        throw new UsageError(
          action === undefined ? 'missing an action' : `unknown action ${JSON.stringify(action)}`,
        );
    }
    return withWoolly(async ({ deps }) => {
      if (action === 'enable' || action === 'disable') {
        await changeTrendSettings(deps, { enabled: action === 'enable' });
      } else if (action === 'review') {
        await changeTrendSettings(deps, { requireReview: first === 'on' });
      } else if (action === 'approve' || action === 'reject') {
        await reviewByReference(deps, kindOf(first), second!, action === 'approve');
      } else if (action === 'refresh') {
        const counts = await refreshTrends(deps);
        console.log(`${counts.tags} tags, ${counts.links} links, ${counts.statuses} posts ranked`);
        return 0;
      } else if (action === 'list') {
        for (const t of await rankedForAdmin(deps, kindOf(first))) {
          const review =
            t.trendable === null ? 'unreviewed' : t.trendable ? 'approved' : 'rejected';
          console.log(`${t.rank}. ${t.label}  score ${t.score.toFixed(2)}  ${review}`);
        }
        return 0;
      }
      const settings = await trendSettingsOf(deps);
      console.log(
        `trends ${settings.enabled ? 'on' : 'off'}, review ${settings.requireReview ? 'required' : 'not required'}`,
      );
      return 0;
    });
  },
};
