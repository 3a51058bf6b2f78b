/**
 * The limits apps read from the instance entities, shared by v1 and v2 (which nest and name
 * some of them differently). Every number is one Woolly enforces.
 */
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

export function mediaConfiguration() {
  return {
    supported_mime_types: [...supportedMimeTypes],
    description_limit: mediaLimits.descriptionLength,
    image_size_limit: mediaLimits.imageSize,
    image_matrix_limit: mediaLimits.imageMatrix,
    video_size_limit: mediaLimits.videoSize,
    video_frame_rate_limit: mediaLimits.videoFrameRate,
    video_matrix_limit: mediaLimits.videoMatrix,
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
