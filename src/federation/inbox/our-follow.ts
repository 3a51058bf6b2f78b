/**
 * Which local account sent the Follow that an Accept or Reject answers. Woolly names its
 * Follows `<actor>#follows/<id>`, so the id alone says who sent it; other servers often
 * embed the Follow, whose actor says the same.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Activity, Follow } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import { localAccountAt } from './accounts.ts';

/** The fragment of Woolly's Follow ids. */
export const followFragment = 'follows/';

export async function followerOf(
  ctx: InboxContext<Deps>,
  answer: Activity,
  followClass: typeof Follow,
): Promise<AccountRecord | null> {
  const id = answer.objectId;
  if (id && id.origin === ctx.origin && id.hash.startsWith(`#${followFragment}`)) {
    return localAccountAt(ctx, new URL(id.href.slice(0, -id.hash.length)));
  }
  const object = await answer.getObject(ctx).catch(() => null);
  if (!(object instanceof followClass)) return null;
  return localAccountAt(ctx, object.actorId);
}
