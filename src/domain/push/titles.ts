/**
 * The title of a push, per notification type: Mastodon takes the subject of the matching
 * notification mail (`notification_mailer.<type>.subject` in its English locale).
 */
const subjects: Record<string, (name: string) => string> = {
  mention: (name) => `You were mentioned by ${name}`,
  status: (name) => `${name} just posted`,
  reblog: (name) => `${name} boosted your post`,
  follow: (name) => `${name} is now following you`,
  follow_request: (name) => `Pending follower: ${name}`,
  favourite: (name) => `${name} favorited your post`,
  poll: (name) => `A poll by ${name} has ended`,
  update: (name) => `${name} edited a post`,
  'admin.sign_up': (name) => `${name} signed up`,
  'admin.report': (name) => `${name} submitted a report`,
  quote: (name) => `${name} quoted your post`,
  quoted_update: (name) => `${name} edited a post you have quoted`,
  'pleroma:emoji_reaction': (name) => `${name} reacted to your post`,
};

export function pushTitle(type: string, name: string): string {
  return (subjects[type] ?? ((n: string) => `New notification from ${n}`))(name);
}
