/**
 * Mastodon's limits on a local profile (Account::DISPLAY_NAME_LENGTH_LIMIT, NOTE_LENGTH_LIMIT,
 * DEFAULT_FIELDS_SIZE and Account::Field's string limit). The instance entity advertises the
 * same numbers to apps, so both read them from here.
 */
export const profileLimits = {
  displayNameLength: 30,
  noteLength: 500,
  fields: 4,
  fieldNameLength: 255,
  fieldValueLength: 255,
} as const;
