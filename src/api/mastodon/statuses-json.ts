/**
 * Statuses as the API shows them to one viewer: the views of a whole list are loaded at once
 * (a fixed number of queries), then each is serialized, in the order given. A list read in a
 * filter context (`filterContext`) leaves out what the viewer's `hide` filters match.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { FilterContext } from '../../db/repositories/filters.ts';
import { loadStatusViews } from '../../domain/statuses/status-views.ts';
import { serializeStatus, type StatusJson } from './serializers/status.ts';

export async function statusesJson(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  statuses: readonly StatusRecord[],
  viewer: AccountRecord | null,
  options: { sourceRequested?: boolean; filterContext?: FilterContext } = {},
): Promise<StatusJson[]> {
  const views = await loadStatusViews(deps, statuses, viewer, {
    filterContext: options.filterContext,
  });
  const context = {
    baseUrl: deps.config.baseUrl,
    viewerId: viewer?.id ?? null,
    now: deps.clock.now(),
    sourceRequested: options.sourceRequested,
  };
  return views.map((view) => serializeStatus(view, context));
}

export async function statusJson(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  status: StatusRecord,
  viewer: AccountRecord | null,
  options: { sourceRequested?: boolean } = {},
): Promise<StatusJson> {
  const [json] = await statusesJson(deps, [status], viewer, options);
  if (!json) throw new Error(`status ${status.id} could not be rendered: its author is gone`);
  return json;
}
