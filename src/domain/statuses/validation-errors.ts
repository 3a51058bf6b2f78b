/**
 * Rails' model errors, which Mastodon answers with: each error is an attribute and a message,
 * shown as "Validation failed: " and the full messages joined by ", ". An attribute is
 * humanized (`poll.expires_at` reads "Poll expires at"); errors on the whole record have none.
 *
 * @example
 * const errors = new ValidationErrors();
 * errors.add('text', "can't be blank");
 * errors.throwIfAny(); // AppError 422 "Validation failed: Text can't be blank"
 */
import { AppError } from '../../core/errors.ts';

function humanize(attribute: string): string {
  const words = attribute.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export class ValidationErrors {
  readonly messages: string[] = [];

  /** Adds an error; `attribute` null for one about the whole record (Rails' `:base`). */
  add(attribute: string | null, message: string): void {
    this.messages.push(attribute === null ? message : `${humanize(attribute)} ${message}`);
  }

  get any(): boolean {
    return this.messages.length > 0;
  }

  throwIfAny(): void {
    if (this.any) throw recordInvalid(this.messages);
  }
}

/** Mastodon's 422 for a record that failed validation. */
export function recordInvalid(messages: readonly string[]): AppError {
  return new AppError(422, `Validation failed: ${messages.join(', ')}`);
}

/**
 * The 422 Mastodon gives when it raises `ActiveRecord::RecordInvalid` with no record: an
 * unreadable `scheduled_at`, or a scheduled post that would not be valid.
 */
export function bareRecordInvalid(): AppError {
  return new AppError(422, 'Record invalid');
}
