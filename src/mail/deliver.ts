/**
 * The `mail.deliver` job on the `mailers` queue: hands one rendered mail to the mailer. A mail
 * server that is down makes the job fail and retry with backoff; the request that caused the
 * mail finished long before.
 */
import type { JobHandler } from '../core/queue.ts';
import type { MailMessage, Mailer } from '../domain/mail.ts';

export const deliverMailJob = 'mail.deliver';

/**
 * Attempts before a mail goes to the dead set: about 7 hours of retries, past the life of a
 * reset link (6 hours), after which sending it is pointless.
 */
export const deliverMailAttempts = 10;

function isMailMessage(value: unknown): value is MailMessage {
  const m = value as Partial<Record<keyof MailMessage, unknown>> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.to === 'string' &&
    typeof m.subject === 'string' &&
    typeof m.text === 'string' &&
    typeof m.html === 'string'
  );
}

export function deliverMail(mailer: Mailer): JobHandler {
  return async (payload) => {
    if (!isMailMessage(payload)) throw new Error('mail.deliver: the payload is not a mail message');
    await mailer.send(payload);
  };
}
