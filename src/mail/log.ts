/**
 * The mailer of an instance without SMTP: every mail, links included, is written to the log.
 * An operator running the embedded default reads confirmation and reset links there (or
 * confirms accounts with `woolly accounts modify NAME --confirm`).
 */
import type { Logger } from '../core/logger.ts';
import type { MailMessage, Mailer } from '../domain/mail.ts';

export function createLogMailer(log: Logger): Mailer {
  return {
    async send(message: MailMessage) {
      log.info(
        `Mail not sent (SMTP_SERVER is not set); here it is instead:\n` +
          `To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}`,
        { mail_to: message.to, mail_subject: message.subject },
      );
    },
    async close() {},
  };
}
