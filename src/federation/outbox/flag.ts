/**
 * A report that asked to be forwarded (`forward: true`) about a remote account goes to that
 * account's server as Mastodon sends it: a Flag from the instance actor (the reporter stays
 * anonymous), naming the account and the reported posts, with the comment as content.
 */
import type { Context } from '@fedify/fedify';
import { Flag } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findReportById } from '../../db/repositories/reports.ts';
import { findStatusesByIds } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { recipientOf } from './deliver.ts';

export async function onReportCreated(
  ctx: Context<Deps>,
  event: DomainEvents['report.created'],
): Promise<void> {
  const report = await findReportById(ctx.data.db, event.reportId);
  if (!report?.forwarded) return;
  const target = await findAccountById(ctx.data.db, report.targetAccountId);
  const recipient = target ? recipientOf(target) : null;
  if (!target || !recipient || (await isDomainSuspended(ctx.data, target.domain))) return;
  const statuses = await findStatusesByIds(ctx.data.db, report.statusIds);
  const actor = ctx.getActorUri(instanceActorIdentifier);
  const flag = new Flag({
    id: new URL(`${actor.href}#reports/${report.id}`),
    actor,
    content: report.comment,
    objects: [new URL(target.uri), ...statuses.map((s) => new URL(s.uri))],
    to: new URL(target.uri),
  });
  try {
    await ctx.sendActivity({ identifier: instanceActorIdentifier }, recipient, flag);
  } catch (error) {
    ctx.data.log.error('could not queue a Flag for delivery', { report: report.id, error });
  }
}
