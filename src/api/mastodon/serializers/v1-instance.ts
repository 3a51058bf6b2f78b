/**
 * Mastodon's V1::Instance entity (`GET /api/v1/instance`), which older apps still read: the
 * same facts as v2 in the older layout, with real user, post and domain counts.
 */
import type { Config } from '../../../config/schema.ts';
import { can } from '../../../domain/accounts/roles.ts';
import type { InstanceDescription } from '../../../domain/instance/describe.ts';
import { versionString } from '../../../domain/instance/version.ts';
import { defaultThumbnailPath } from '../../default-images.ts';
import { serializeAccount } from './account.ts';
import {
  accountsConfiguration,
  mediaConfiguration,
  pollsConfiguration,
  statusesConfiguration,
} from './instance-configuration.ts';
import { serializeRule } from './rule.ts';

function withoutDescriptionLimit<T extends { description_limit: number }>(media: T) {
  const copy: Partial<T> = { ...media };
  delete copy.description_limit;
  return copy as Omit<T, 'description_limit'>;
}

export function serializeV1Instance(
  description: InstanceDescription,
  config: Pick<Config, 'localDomain' | 'baseUrl' | 'streamingUrl' | 'media'>,
) {
  const { settings, stats } = description;
  return {
    uri: config.localDomain,
    title: settings.site_title,
    short_description: settings.site_short_description,
    description: settings.site_short_description,
    email: settings.site_contact_email,
    version: versionString,
    urls: { streaming_api: config.streamingUrl },
    stats: {
      user_count: stats.userCount,
      status_count: stats.statusCount,
      domain_count: stats.domainCount,
    },
    thumbnail: `${config.baseUrl}${defaultThumbnailPath}`,
    languages: [settings.default_locale],
    registrations: description.registrationsOpen,
    approval_required: settings.registrations_mode === 'approved',
    // Mastodon: whether everyone's role lets them invite people.
    invites_enabled: can('User', 'inviteUsers'),
    configuration: {
      accounts: { max_featured_tags: accountsConfiguration().max_featured_tags },
      statuses: statusesConfiguration(settings),
      // v1 never had `description_limit`.
      media_attachments: withoutDescriptionLimit(mediaConfiguration(config.media.limits)),
      polls: pollsConfiguration(),
    },
    contact_account: description.contact
      ? serializeAccount(description.contact, config.baseUrl)
      : null,
    rules: description.rules.map(serializeRule),
  };
}
