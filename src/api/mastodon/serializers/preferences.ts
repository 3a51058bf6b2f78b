import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import type { UserRecord } from '../../../db/repositories/users.ts';
import { postingDefaults } from '../../../domain/accounts/posting-defaults.ts';

/** Mastodon's Preferences entity, with its colon-separated keys. */
export interface PreferencesJson {
  'posting:default:visibility': string;
  'posting:default:sensitive': boolean;
  'posting:default:language': string | null;
  'posting:default:quote_policy': string;
  'reading:expand:media': string;
  'reading:expand:spoilers': boolean;
}

export function serializePreferences(account: AccountRecord, user: UserRecord): PreferencesJson {
  const d = postingDefaults(account, user);
  return {
    'posting:default:visibility': d.privacy,
    'posting:default:sensitive': d.sensitive,
    'posting:default:language': d.language,
    'posting:default:quote_policy': d.quotePolicy,
    'reading:expand:media': d.expandMedia,
    'reading:expand:spoilers': d.expandSpoilers,
  };
}
