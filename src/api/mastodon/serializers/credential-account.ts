/**
 * Mastodon's CredentialAccount (REST::CredentialAccountSerializer): the signed-in user's own
 * Account with `source` (what they typed and their posting defaults, for the profile editor)
 * and their `role`.
 */
import type { AccountView } from '../../../domain/accounts/account-views.ts';
import { postingDefaults } from '../../../domain/accounts/posting-defaults.ts';
import type { UserRecord } from '../../../db/repositories/users.ts';
import { serializeAccount, type AccountJson, type FieldJson } from './account.ts';
import { serializeRole, type RoleJson } from './role.ts';

export interface CredentialAccountJson extends AccountJson {
  source: {
    privacy: string;
    sensitive: boolean;
    language: string;
    quote_policy: string;
    note: string;
    fields: FieldJson[];
    follow_requests_count: number;
    hide_collections: boolean | null;
    discoverable: boolean | null;
    indexable: boolean;
  };
  role: RoleJson;
}

export function serializeCredentialAccount(
  view: AccountView & { user: UserRecord },
  baseUrl: string,
  followRequestsCount: number,
): CredentialAccountJson {
  const a = view.account;
  const defaults = postingDefaults(a, view.user);
  return {
    ...serializeAccount(view, baseUrl),
    source: {
      privacy: defaults.privacy,
      sensitive: defaults.sensitive,
      // Mastodon documents a string here; no default language is the empty one.
      language: defaults.language ?? '',
      quote_policy: defaults.quotePolicy,
      note: a.noteSource,
      fields: a.fields.map((f) => ({
        name: f.name,
        value: f.source ?? f.value,
        verified_at: f.verified_at,
      })),
      follow_requests_count: followRequestsCount,
      hide_collections: a.hideCollections,
      discoverable: a.discoverable,
      indexable: a.indexable,
    },
    role: serializeRole(view.user.role),
  };
}
