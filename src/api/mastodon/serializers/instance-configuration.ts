/**
 * The limits apps read from the instance entities, shared by v1 and v2 (which nest and name
 * some of them differently). Every number is one Woolly enforces.
 */
import type { Config } from '../../../config/schema.ts';
import { profileLimits } from '../../../domain/accounts/profile-limits.ts';
import type { InstanceSettings } from '../../../domain/instance/settings.ts';
import {
  accountLimits,
  mediaLimits,
  pollLimits,
  statusLimits,
  supportedMimeTypes,
} from '../../../domain/instance/limits.ts';

export function statusesConfiguration(settings: InstanceSettings) {
  return {
    max_characters: settings.max_status_characters,
    max_media_attachments: statusLimits.maxMediaAttachments,
    characters_reserved_per_url: statusLimits.charactersReservedPerUrl,
  };
}

export function accountsConfiguration() {
  return {
    max_featured_tags: accountLimits.maxFeaturedTags,
    max_pinned_statuses: accountLimits.maxPinnedStatuses,
    max_display_name_length: profileLimits.displayNameLength,
    max_note_length: profileLimits.noteLength,
    max_profile_fields: profileLimits.fields,
    profile_field_name_limit: profileLimits.fieldNameLength,
    profile_field_value_limit: profileLimits.fieldValueLength,
  };
}

/** The upload limits in force: MAX_IMAGE_SIZE and friends from the configuration. */
export function mediaConfiguration(limits: Config['media']['limits']) {
  return {
    supported_mime_types: [...supportedMimeTypes],
    description_limit: mediaLimits.descriptionLength,
    image_size_limit: limits.imageSize,
    image_matrix_limit: limits.imageMatrix,
    video_size_limit: limits.videoSize,
    video_frame_rate_limit: limits.videoFrameRate,
    video_matrix_limit: limits.videoMatrix,
  };
}

export function pollsConfiguration() {
  return {
    max_options: pollLimits.maxOptions,
    max_characters_per_option: pollLimits.maxCharactersPerOption,
    min_expiration: pollLimits.minExpiration,
    max_expiration: pollLimits.maxExpiration,
  };
}
