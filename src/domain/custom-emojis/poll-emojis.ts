/**
 * The custom emojis a poll's options use (Mastodon's Poll#emojis, `CustomEmoji.from_text` of
 * the options with the author's server), for GET /api/v1/polls/:id and the vote answer, which
 * show a poll without its post. They are found as a post's are (status-emojis.ts): the enabled
 * emojis of the author's server, a remote Question's being the Emoji tags it arrived with
 * (convert/remote-note.ts keeps them for a Question as for a Note).
 */
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findEnabledEmojis, type CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import type { PollRecord } from '../../db/repositories/polls.ts';
import type { Deps } from '../context.ts';
import { shortcodesIn } from '../instance/custom-emojis.ts';

/** The emojis `poll`'s options name; no query when they name none. */
export async function emojisOfPoll(
  deps: Pick<Deps, 'db'>,
  poll: Pick<PollRecord, 'accountId' | 'options'>,
): Promise<CustomEmojiRecord[]> {
  const shortcodes = shortcodesIn(poll.options.join('\n'));
  if (shortcodes.length === 0) return [];
  const author = await findAccountById(deps.db, poll.accountId);
  return author ? findEnabledEmojis(deps.db, author.domain, shortcodes) : [];
}
