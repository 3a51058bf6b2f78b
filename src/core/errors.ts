/**
 * The one error type of Woolly. It carries the HTTP status and the message a client may see,
 * apart from the internal cause, and is rendered in one place (api/mastodon/errors.ts).
 *
 * @example throw new AppError(404, 'Record not found');
 */
export class AppError extends Error {
  readonly status: number;
  /** Extra fields of the error body, such as Mastodon's 422 `details`. */
  readonly body: Record<string, unknown> | undefined;

  constructor(
    status: number,
    message: string,
    options: { cause?: unknown; body?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.body = options.body;
  }
}

export const notFound = (): AppError => new AppError(404, 'Record not found');
export const forbidden = (message = 'This action is not allowed'): AppError =>
  new AppError(403, message);
export const unprocessable = (message: string, body?: Record<string, unknown>): AppError =>
  new AppError(422, message, { body });

/** A validation failure of one or more fields, in Mastodon's 422 shape. */
export interface FieldError {
  error: string;
  description: string;
}

/**
 * Mastodon's 422 for a model that failed validation:
 * `{"error": "Validation failed: Email has already been taken", "details": {"email": [{"error": "ERR_TAKEN", ...}]}}`.
 */
export function validationFailed(details: Record<string, FieldError[]>): AppError {
  const sentences = Object.entries(details).flatMap(([field, errors]) =>
    errors.map((e) => `${humanize(field)} ${e.description}`),
  );
  return new AppError(422, `Validation failed: ${sentences.join(', ')}`, { body: { details } });
}

function humanize(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
