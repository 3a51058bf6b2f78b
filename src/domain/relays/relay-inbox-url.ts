/** A relay's inbox URL as given by an admin, checked and normalized (`new URL().href`). */
import { AppError } from '../../core/errors.ts';

export function relayInboxUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError(422, 'Validation failed: Inbox url is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(422, 'Validation failed: Inbox url must be an http(s) URL');
  }
  url.hash = '';
  return url.href;
}
