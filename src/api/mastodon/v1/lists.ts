/**
 * Lists: GET/POST /api/v1/lists, GET/PUT/DELETE /api/v1/lists/:id, and the members,
 * GET/POST/DELETE /api/v1/lists/:id/accounts. Reading needs `read:lists`, changing
 * `write:lists`; another account's list is 404. `limit=0` lists every member, as Mastodon.
 */
import { Hono, type Context } from 'hono';
import { findListsOf } from '../../../db/repositories/lists.ts';
import { createList } from '../../../domain/lists/create-list.ts';
import { removeList } from '../../../domain/lists/delete-list.ts';
import { findOwnList } from '../../../domain/lists/find-list.ts';
import type { ListInput } from '../../../domain/lists/list-input.ts';
import {
  addListMembers,
  listMembersPage,
  removeListMembers,
} from '../../../domain/lists/list-members.ts';
import { changeList } from '../../../domain/lists/update-list.ts';
import { accountsJson } from '../accounts-json.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { readParams, type Params } from '../params.ts';
import { serializeList } from '../serializers/list.ts';

const read = requireScopes('read', 'read:lists');
const write = requireScopes('write', 'write:lists');

function listInput(params: Params): ListInput {
  const text = (v: unknown) => (v === undefined || v === null ? v : String(v));
  return {
    title: text(params.title) as string | null | undefined,
    repliesPolicy: text(params.replies_policy) as string | null | undefined,
    exclusive: booleanParam(params.exclusive) ?? null,
  };
}

function accountIds(params: Params): string[] {
  const value = params.account_ids;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(String);
}

async function membersPage(c: Context<AppEnv>) {
  const { account } = currentUser(c.var.auth);
  const list = await findOwnList(c.var.deps, account.id, c.req.param('id') ?? '');
  const all = c.req.query('limit') === '0';
  const page = all
    ? { limit: 0, maxId: null, sinceId: null, minId: null }
    : readPage(c, { defaultLimit: 40, maxLimit: 80 });
  const rows = await listMembersPage(c.var.deps, list, page);
  if (!all) {
    setLinkHeader(
      c,
      page,
      rows.map((r) => r.pageId),
    );
  }
  return c.json(
    await accountsJson(
      c.var.deps,
      rows.map((r) => r.account),
    ),
  );
}

export function listsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/lists', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      return c.json((await findListsOf(c.var.deps.db, account.id)).map(serializeList));
    })
    .post('/api/v1/lists', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const list = await createList(c.var.deps, account.id, listInput(await readParams(c)));
      return c.json(serializeList(list));
    })
    .get('/api/v1/lists/:id', read, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      return c.json(serializeList(await findOwnList(c.var.deps, account.id, c.req.param('id'))));
    })
    .put('/api/v1/lists/:id', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const list = await changeList(
        c.var.deps,
        account.id,
        c.req.param('id'),
        listInput(await readParams(c)),
      );
      return c.json(serializeList(list));
    })
    .delete('/api/v1/lists/:id', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      await removeList(c.var.deps, account.id, c.req.param('id'));
      return c.json({});
    })
    .get('/api/v1/lists/:id/accounts', read, requireUser(), membersPage)
    .post('/api/v1/lists/:id/accounts', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const ids = accountIds(await readParams(c));
      await addListMembers(c.var.deps, account.id, c.req.param('id'), ids);
      return c.json({});
    })
    .delete('/api/v1/lists/:id/accounts', write, requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const ids = accountIds(await readParams(c));
      await removeListMembers(c.var.deps, account.id, c.req.param('id'), ids);
      return c.json({});
    });
}
