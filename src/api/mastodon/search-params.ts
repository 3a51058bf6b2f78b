/**
 * The parameters of the search endpoints as Mastodon reads them: `limit` clamped to
 * 1..twice the default (Mastodon's limit_param), `offset` a whole number from 0, booleans
 * as Rails reads them. Searching with an offset or `resolve` needs a signed-in user, with
 * Mastodon's 401s.
 */
import { AppError } from '../../core/errors.ts';
import { booleanParam } from './boolean-param.ts';
import type { Params } from './params.ts';

export function searchLimit(params: Params, defaultLimit: number): number {
  const n = Number.parseInt(String(params.limit ?? ''), 10);
  return Number.isNaN(n) ? defaultLimit : Math.min(Math.max(n, 1), defaultLimit * 2);
}

export function searchOffset(params: Params): number {
  const n = Number.parseInt(String(params.offset ?? ''), 10);
  return Number.isNaN(n) || n < 0 ? 0 : n;
}

/** Mastodon's 401s for what an anonymous search may not ask for. */
export function checkAnonymousSearch(signedIn: boolean, offset: number, resolve: boolean): void {
  if (signedIn) return;
  if (offset > 0) {
    throw new AppError(401, 'Search queries pagination is not supported without authentication');
  }
  if (resolve) {
    throw new AppError(
      401,
      'Search queries that resolve remote resources are not supported without authentication',
    );
  }
}

export const truthy = (value: unknown): boolean => booleanParam(value) ?? false;
