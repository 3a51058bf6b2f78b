/** The ActivityPub and web URLs of a local account, as Mastodon lays them out. */
export function localAccountUris(baseUrl: string, username: string) {
  const uri = `${baseUrl}/users/${username}`;
  return {
    uri,
    url: `${baseUrl}/@${username}`,
    inbox: `${uri}/inbox`,
    outbox: `${uri}/outbox`,
    sharedInbox: `${baseUrl}/inbox`,
    followers: `${uri}/followers`,
    following: `${uri}/following`,
    featured: `${uri}/collections/featured`,
  };
}
