/**
 * Direct-message conversations: GET /api/v1/conversations (`read:statuses`), paged by the id
 * of each conversation's latest post; POST /api/v1/conversations/:id/read and
 * DELETE /api/v1/conversations/:id (`write:conversations`).
 */
import { Hono } from 'hono';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import type { AccountConversationRecord } from '../../../db/repositories/account-conversations.ts';
import type { Deps } from '../../../domain/context.ts';
import {
  conversationsPage,
  markConversationRead,
  removeConversation,
} from '../../../domain/conversations/conversations.ts';
import { statusesByIds } from '../../../domain/conversations/last-statuses.ts';
import { accountsJsonByIds } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { serializeConversation, type ConversationJson } from '../serializers/conversation.ts';
import { statusesJson } from '../statuses-json.ts';

/** Conversation entities of `rows` for `viewer` (the streams render theirs with it too). */
export async function conversationsJson(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  rows: readonly AccountConversationRecord[],
  viewer: AccountRecord,
): Promise<ConversationJson[]> {
  const statuses = await statusesByIds(
    deps,
    rows.map((r) => r.lastStatusId),
  );
  const statusJson = new Map(
    (await statusesJson(deps, statuses, viewer)).map((json) => [json.id, json]),
  );
  const participantIds = [...new Set(rows.flatMap((r) => r.participantAccountIds))];
  const accounts = new Map(
    (await accountsJsonByIds(deps, [...participantIds, viewer.id])).map((a) => [a.id, a]),
  );
  return rows.map((row) => {
    const ids = row.participantAccountIds.length > 0 ? row.participantAccountIds : [viewer.id];
    return serializeConversation(
      row.id,
      row.unread,
      ids.flatMap((id) => accounts.get(id) ?? []),
      statusJson.get(row.lastStatusId) ?? null,
    );
  });
}

export function conversationsRoutes(): Hono<AppEnv> {
  const write = requireScopes('write', 'write:conversations');
  return new Hono<AppEnv>()
    .get(
      '/api/v1/conversations',
      requireScopes('read', 'read:statuses'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const page = readPage(c, { defaultLimit: 20, maxLimit: 40 });
        const rows = await conversationsPage(c.var.deps, account.id, page);
        setLinkHeader(
          c,
          page,
          rows.map((r) => r.lastStatusId),
        );
        return c.json(await conversationsJson(c.var.deps, rows, account));
      },
    )
    .post('/api/v1/conversations/:id/read', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const row = await markConversationRead(c.var.deps, account.id, c.req.param('id'));
      const [json] = await conversationsJson(c.var.deps, [row], account);
      return c.json(json);
    })
    .delete('/api/v1/conversations/:id', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeConversation(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    });
}
