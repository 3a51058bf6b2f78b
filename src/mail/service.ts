/**
 * Mail, wired in one call from app.ts: the mailer the configuration asks for, the
 * `mail.deliver` job that uses it, and the event handlers that enqueue mails.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { deliverMail, deliverMailJob } from './deliver.ts';
import { createMailer } from './mailer.ts';
import { sendMailOnEvents } from './on-events.ts';

export interface MailService {
  close(): Promise<void>;
}

export function createMailService(deps: Deps, jobs: JobRuntime): MailService {
  const mailer = createMailer(deps.config, deps.log);
  jobs.register(deliverMailJob, deliverMail(mailer));
  const unsubscribe = sendMailOnEvents(deps);
  return {
    async close() {
      unsubscribe();
      await mailer.close();
    },
  };
}
