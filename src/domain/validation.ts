/**
 * Mastodon's 422 for a record that failed validation (ActiveRecord::RecordInvalid through its
 * ValidationErrorFormatter), word for word: the `ERR_*` codes and Rails' default descriptions
 * in `details`, and the sentence in `error` built with the attribute names of Mastodon's
 * `activerecord.en.yml` ("E-mail address has already been taken"), which apps show as is.
 */
import { AppError, type FieldError } from '../core/errors.ts';

export const fieldError = {
  blank: (): FieldError => ({ error: 'ERR_BLANK', description: "can't be blank" }),
  taken: (): FieldError => ({ error: 'ERR_TAKEN', description: 'has already been taken' }),
  invalid: (description = 'is invalid'): FieldError => ({ error: 'ERR_INVALID', description }),
  reserved: (): FieldError => ({ error: 'ERR_RESERVED', description: 'is reserved' }),
  accepted: (): FieldError => ({ error: 'ERR_ACCEPTED', description: 'must be accepted' }),
  inclusion: (): FieldError => ({
    error: 'ERR_INCLUSION',
    description: 'is not included in the list',
  }),
  belowLimit: (): FieldError => ({
    error: 'ERR_BELOW_LIMIT',
    description: 'is below the age limit',
  }),
  tooLong: (maximum: number): FieldError => ({
    error: 'ERR_TOO_LONG',
    description: `is too long (maximum is ${maximum} characters)`,
  }),
  tooShort: (minimum: number): FieldError => ({
    error: 'ERR_TOO_SHORT',
    description: `is too short (minimum is ${minimum} characters)`,
  }),
};

// Mastodon's attribute names; anything else is humanized as Rails does ("date_of_birth" ->
// "Date of birth").
const labels: Record<string, string> = {
  email: 'E-mail address',
  agreement: 'Service agreement',
  reason: 'Reason',
  'source[privacy]': 'Posting privacy',
  'source[sensitive]': 'Always mark media as sensitive',
  'source[language]': 'Posting language',
  'source[quote_policy]': 'Who can quote',
};

function label(field: string): string {
  const known = labels[field];
  if (known) return known;
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Field problems collected in the order Mastodon's validations run, then thrown as one 422. */
export type FieldErrors = Record<string, FieldError[]>;

export function addError(details: FieldErrors, field: string, error: FieldError): void {
  (details[field] ??= []).push(error);
}

/**
 * `{"error": "Validation failed: Username has already been taken, ...", "details": {...}}`.
 */
export function recordInvalid(details: FieldErrors): AppError {
  const sentences = Object.entries(details).flatMap(([field, errors]) =>
    errors.map((e) => `${label(field)} ${e.description}`),
  );
  return new AppError(422, `Validation failed: ${sentences.join(', ')}`, { body: { details } });
}
