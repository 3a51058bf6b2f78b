/**
 * Polls: `GET /api/v1/polls/:id` for anyone who may see the post, and
 * `POST /api/v1/polls/:id/votes` with `choices[]` (option indexes), answered with the poll.
 */
import { Hono } from 'hono';
import { AppError } from '../../../core/errors.ts';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import type { PollRecord } from '../../../db/repositories/polls.ts';
import type { Deps } from '../../../domain/context.ts';
import { emojisOfPoll } from '../../../domain/custom-emojis/poll-emojis.ts';
import { findVisiblePoll } from '../../../domain/statuses/polls/find-poll.ts';
import { voteInPoll } from '../../../domain/statuses/polls/vote.ts';
import { findOwnVotes } from '../../../db/repositories/polls.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { serializePoll } from '../serializers/poll.ts';

async function pollJson(deps: Deps, poll: PollRecord, viewer: AccountRecord | null) {
  const ownVotes = viewer
    ? ((await findOwnVotes(deps.db, [poll.id], viewer.id)).get(poll.id) ?? [])
    : null;
  return serializePoll(
    { poll, ownVotes },
    { viewerId: viewer?.id ?? null, now: deps.clock.now() },
    await emojisOfPoll(deps, poll),
  );
}

export function pollsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/polls/:id', scopesIfToken('read', 'read:statuses'), async (c) => {
      const { deps } = c.var;
      const viewer = c.var.auth?.account ?? null;
      const { poll } = await findVisiblePoll(deps, viewer, c.req.param('id'));
      return c.json(await pollJson(deps, poll, viewer));
    })
    .post(
      '/api/v1/polls/:id/votes',
      requireScopes('write', 'write:statuses'),
      requireUser(),
      async (c) => {
        const { deps } = c.var;
        const { account } = currentUser(c.var.auth);
        const choices = (await readParams(c)).choices;
        const list = Array.isArray(choices)
          ? choices
          : choices === undefined || choices === ''
            ? null
            : [choices];
        if (list === null)
          throw new AppError(400, 'param is missing or the value is empty: choices');
        const poll = await voteInPoll(deps, account, c.req.param('id'), list.map(String));
        return c.json(await pollJson(deps, poll, account));
      },
    );
}
