/**
 * Flag: another server forwards a report about local accounts (Mastodon sends it from its
 * instance actor, naming the reported actor and some of its posts). Each local account named
 * gets a report by the sender, with the named posts that are its own.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Flag } from '@fedify/vocab';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { createRemoteReport } from '../../domain/reports/remote-report.ts';
import { stripHtml } from '../sanitize.ts';
import { localAccountAt, senderAccount } from './accounts.ts';

const maxObjects = 100;

export async function onFlag(ctx: InboxContext<Deps>, flag: Flag): Promise<void> {
  if (!flag.id) return;
  const targets = [];
  const statuses = [];
  for (const uri of flag.objectIds.slice(0, maxObjects)) {
    const account = await localAccountAt(ctx, uri);
    if (account) {
      targets.push(account);
      continue;
    }
    const status = await findStatusByUri(ctx.data.db, uri.href);
    if (status?.local) statuses.push(status);
  }
  if (targets.length === 0) return;
  const reporter = await senderAccount(ctx, flag);
  if (!reporter) return;
  const comment = stripHtml(flag.content?.toString() ?? '');
  for (const [i, target] of targets.entries()) {
    await createRemoteReport(ctx.data, reporter, target, {
      // Mastodon keeps one report per Flag; several targets get ids of their own.
      uri: i === 0 ? flag.id.href : `${flag.id.href}#${target.id}`,
      statusIds: statuses.filter((s) => s.accountId === target.id).map((s) => s.id),
      comment,
    });
  }
}
