/**
 * Mastodon's answers for media that cannot be taken, in its words: Api::V1::MediaController's
 * `file_type_error` and `processing_error`, Paperclip's validation messages, and the
 * Mastodon::DimensionsValidationError texts ("640000x480000 images are not supported").
 */
import { AppError } from '../../core/errors.ts';

/** Bytes that are no format Woolly accepts (whatever the name or the declared type say). */
export const unsupportedType = (): AppError =>
  new AppError(422, 'Validation failed: File content type is invalid, File is invalid');

/** A file that claims a supported format but cannot be read as one. */
export const unverifiedType = (): AppError =>
  new AppError(422, 'File type of uploaded media could not be verified');

export const tooLarge = (limit: number): AppError =>
  new AppError(
    422,
    `Validation failed: File file size must be less than ${Math.floor(limit / 1024 / 1024)} MB`,
  );

/** Mastodon's `processing_error`: 500 when an upload fails, 422 when a failed one is read. */
export const processingError = (status: 422 | 500, cause?: unknown): AppError =>
  new AppError(status, 'Error processing thumbnail for uploaded media', { cause });

export const missingFile = (): AppError =>
  new AppError(422, "Validation failed: File can't be blank");
