/**
 * A post's versions (GET /api/v1/statuses/:id/history), oldest first, each with the account
 * that made it. A post never edited has one version: itself as it is. Each version lists the
 * custom emojis its own text, content warning and poll options name, found as a post's are.
 */
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import {
  findMediaAttachmentsByIds,
  findMediaByStatusIds,
} from '../../db/repositories/media-attachments.ts';
import { findPollById } from '../../db/repositories/polls.ts';
import { findStatusEdits, type StatusEditRecord } from '../../db/repositories/status-edits.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { loadAccountViews, type AccountView } from '../accounts/account-views.ts';
import type { Deps } from '../context.ts';
import { emojisOfStatuses, emojiTextsOfStatus } from '../custom-emojis/status-emojis.ts';
import { mediaView, type MediaView } from '../media-attachments/media-view.ts';

export interface StatusEditView {
  edit: StatusEditRecord;
  account: AccountView;
  /** The attachments of that version, as they are now (descriptions are not versioned). */
  media: MediaView[];
  /** The custom emojis that version names (its author's server's, as for the post). */
  emojis: CustomEmojiRecord[];
}

export async function statusHistory(
  deps: Pick<Deps, 'db' | 'config'>,
  status: StatusRecord,
): Promise<StatusEditView[]> {
  let edits = await findStatusEdits(deps.db, status.id);
  if (edits.length === 0) {
    const poll = status.pollId ? await findPollById(deps.db, status.pollId) : null;
    edits = [
      {
        id: status.id,
        statusId: status.id,
        accountId: status.accountId,
        text: status.text,
        content: status.content,
        spoilerText: status.spoilerText,
        sensitive: status.sensitive,
        mediaAttachmentIds: (await findMediaByStatusIds(deps.db, [status.id])).map((m) => m.id),
        pollOptions: poll?.options ?? null,
        quoteOfId: status.quoteOfId,
        createdAt: status.editedAt ?? status.createdAt,
      },
    ];
  }
  const accounts = await loadAccountViews(
    deps,
    await findAccountsByIds(deps.db, [
      ...new Set([status.accountId, ...edits.map((e) => e.accountId)]),
    ]),
  );
  const byId = new Map(accounts.map((v) => [v.account.id, v]));
  const media = new Map(
    (
      await findMediaAttachmentsByIds(deps.db, [
        ...new Set(edits.flatMap((e) => e.mediaAttachmentIds)),
      ])
    ).map((m) => [m.id, mediaView(deps.config, m)]),
  );
  // Keyed by version: each version's emojis are those its own texts name, of the author's server.
  const domain = byId.get(status.accountId)?.account.domain ?? null;
  const emojisOf = await emojisOfStatuses(
    deps,
    edits.map((edit) => ({
      statusId: edit.id,
      domain,
      texts: emojiTextsOfStatus(edit, edit.pollOptions ? { options: edit.pollOptions } : null),
    })),
  );
  return edits.flatMap((edit) => {
    const account = byId.get(edit.accountId);
    const shown = edit.mediaAttachmentIds.flatMap((id) => media.get(id) ?? []);
    const emojis = emojisOf.get(edit.id) ?? [];
    return account ? [{ edit, account, media: shown, emojis }] : [];
  });
}
