/**
 * The consent page says in words what each scope lets an app do, so that people can judge a
 * request without knowing OAuth. Broad scopes that include narrower requested ones are shown
 * once; admin scopes are flagged, since they reach beyond the user's own account.
 */
const words: Record<string, string> = {
  read: 'Read everything in your account: posts, timelines, notifications, follows, lists, filters and settings',
  write: 'Change everything in your account: post, follow, block, edit your profile and settings',
  follow: 'Follow, unfollow, block, unblock, mute and unmute accounts',
  push: 'Receive your push notifications',
  profile: 'Read only your basic profile: name, username and picture',
  'read:accounts': 'See account information',
  'read:blocks': 'See whom you block',
  'read:bookmarks': 'See your bookmarks',
  'read:favourites': 'See your favourites',
  'read:filters': 'See your filters',
  'read:follows': 'See whom you follow and your follow requests',
  'read:lists': 'See your lists',
  'read:mutes': 'See whom you mute',
  'read:notifications': 'See your notifications',
  'read:search': 'Search on your behalf',
  'read:statuses': 'See posts, including your private ones and your timelines',
  'write:accounts': 'Edit your profile and account settings',
  'write:blocks': 'Block accounts and domains',
  'write:bookmarks': 'Bookmark posts',
  'write:conversations': 'Mute and delete conversations',
  'write:favourites': 'Favourite posts',
  'write:filters': 'Create and change filters',
  'write:follows': 'Follow and unfollow accounts',
  'write:lists': 'Create and change lists',
  'write:media': 'Upload media files',
  'write:mutes': 'Mute accounts and conversations',
  'write:notifications': 'Clear your notifications',
  'write:reports': 'Report other accounts',
  'write:statuses': 'Publish, edit and delete posts in your name',
  'admin:read': 'Read all data on the server (moderators and admins only)',
  'admin:write': 'Change all data on the server (moderators and admins only)',
  'admin:read:accounts': 'Read private information of all accounts on the server',
  'admin:read:reports': 'Read all reports and the accounts they concern',
  'admin:read:domain_allows': 'Read the federation allow list',
  'admin:read:domain_blocks': 'Read the domain blocks',
  'admin:read:ip_blocks': 'Read the IP blocks',
  'admin:read:email_domain_blocks': 'Read the e-mail domain blocks',
  'admin:read:canonical_email_blocks': 'Read the e-mail address blocks',
  'admin:write:accounts': 'Take moderation actions on accounts',
  'admin:write:reports': 'Take moderation actions on reports',
  'admin:write:domain_allows': 'Change the federation allow list',
  'admin:write:domain_blocks': 'Change the domain blocks',
  'admin:write:ip_blocks': 'Change the IP blocks',
  'admin:write:email_domain_blocks': 'Change the e-mail domain blocks',
  'admin:write:canonical_email_blocks': 'Change the e-mail address blocks',
};

export interface ScopeLine {
  scope: string;
  text: string;
  admin: boolean;
}

/** One line per requested scope, leaving out those a broader requested scope already covers. */
export function describeScopes(scopes: readonly string[]): ScopeLine[] {
  const coveredBy = (scope: string) =>
    scopes.some((other) => other !== scope && scope.startsWith(`${other}:`));
  return scopes
    .filter((scope) => !coveredBy(scope))
    .map((scope) => ({
      scope,
      text: words[scope] ?? scope,
      admin: scope.startsWith('admin:'),
    }));
}
