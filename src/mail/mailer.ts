import type { Config } from '../config/schema.ts';
import type { Logger } from '../core/logger.ts';
import type { Mailer } from '../domain/mail.ts';
import { createLogMailer } from './log.ts';
import { createSmtpMailer } from './smtp.ts';

/** The mailer the configuration asks for: SMTP when SMTP_SERVER is set, the log otherwise. */
export function createMailer(config: Pick<Config, 'smtp'>, log: Logger): Mailer {
  return config.smtp ? createSmtpMailer(config.smtp) : createLogMailer(log);
}
