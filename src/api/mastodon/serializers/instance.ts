/**
 * Mastodon's Instance entity (`GET /api/v2/instance`, REST::InstanceSerializer): who the
 * server is, what it allows, how to reach its staff and its rules.
 */
import type { Config } from '../../../config/schema.ts';
import type { InstanceDescription } from '../../../domain/instance/describe.ts';
import { iconSizes } from '../../../media/placeholders.ts';
import { mastodonApiVersion, sourceUrl, versionString } from '../../../domain/instance/version.ts';
import { renderPlainText } from '../../../domain/statuses/text/render-plain.ts';
import { appIconPath, defaultThumbnailPath } from '../../default-images.ts';
import { serializeAccount } from './account.ts';
import {
  accountsConfiguration,
  mediaConfiguration,
  pollsConfiguration,
  statusesConfiguration,
} from './instance-configuration.ts';
import { serializeRule } from './rule.ts';

/** The closed-registrations message, as HTML (Mastodon renders the admin's text). */
function closedMessage(description: InstanceDescription, baseUrl: string): string | null {
  const text = description.settings.closed_registrations_message;
  if (text.trim() === '') return null;
  return renderPlainText(text, {
    mentions: new Map(),
    tagUrl: (name) => `${baseUrl}/tags/${encodeURIComponent(name)}`,
  });
}

export function serializeInstance(
  description: InstanceDescription,
  config: Pick<Config, 'localDomain' | 'baseUrl' | 'streamingUrl' | 'vapid' | 'media'>,
) {
  const { settings, registrationsOpen } = description;
  const baseUrl = config.baseUrl;
  return {
    domain: config.localDomain,
    title: settings.site_title,
    version: versionString,
    source_url: sourceUrl,
    description: settings.site_short_description,
    usage: { users: { active_month: description.activeMonth } },
    thumbnail: { url: `${baseUrl}${defaultThumbnailPath}` },
    icon: iconSizes.map((size) => ({
      src: `${baseUrl}${appIconPath(size)}`,
      size: `${size}x${size}`,
    })),
    languages: [settings.default_locale],
    configuration: {
      urls: { streaming: config.streamingUrl, status: null },
      vapid: { public_key: config.vapid.publicKey },
      accounts: accountsConfiguration(),
      statuses: statusesConfiguration(settings),
      media_attachments: mediaConfiguration(config.media.limits),
      polls: pollsConfiguration(),
      translation: { enabled: false },
    },
    registrations: {
      enabled: registrationsOpen,
      approval_required: settings.registrations_mode === 'approved',
      reason_required: settings.registrations_mode === 'approved' && settings.require_invite_text,
      message: registrationsOpen ? null : closedMessage(description, baseUrl),
      min_age: settings.min_age,
      url: null,
    },
    api_versions: { mastodon: mastodonApiVersion },
    contact: {
      email: settings.site_contact_email,
      account: description.contact ? serializeAccount(description.contact, baseUrl) : null,
    },
    rules: description.rules.map(serializeRule),
  };
}
