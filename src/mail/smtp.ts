/**
 * Delivery over SMTP with nodemailer, configured like Mastodon (SMTP_SERVER, SMTP_PORT,
 * SMTP_LOGIN, SMTP_PASSWORD, SMTP_AUTH_METHOD, SMTP_SSL, SMTP_ENABLE_STARTTLS).
 *
 * nodemailer is imported on the first mail, not at startup: an instance that never sends one
 * pays neither the load time nor the memory.
 */
import type { Transporter } from 'nodemailer';
import type { Config } from '../config/schema.ts';
import type { MailMessage, Mailer } from '../domain/mail.ts';

export type SmtpConfig = NonNullable<Config['smtp']>;

const authMethods: Record<SmtpConfig['authMethod'], string | null> = {
  plain: 'PLAIN',
  login: 'LOGIN',
  cram_md5: 'CRAM-MD5',
  none: null,
};

/** nodemailer's transport options for Woolly's SMTP settings. */
export function transportOptions(smtp: SmtpConfig) {
  const method = authMethods[smtp.authMethod];
  return {
    host: smtp.host,
    port: smtp.port,
    // SMTP_SSL: TLS from the first byte (port 465); otherwise STARTTLS as SMTP_ENABLE_STARTTLS says.
    secure: smtp.secure,
    requireTLS: !smtp.secure && smtp.starttls === 'always',
    ignoreTLS: !smtp.secure && smtp.starttls === 'never',
    auth:
      method && smtp.user !== undefined
        ? { user: smtp.user, pass: smtp.password ?? '' }
        : undefined,
    authMethod: method ?? undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
}

export function createSmtpMailer(smtp: SmtpConfig): Mailer {
  let transporter: Promise<Transporter> | null = null;
  const connect = (): Promise<Transporter> => {
    transporter ??= import('nodemailer').then((nodemailer) =>
      nodemailer.default.createTransport(transportOptions(smtp)),
    );
    return transporter;
  };
  return {
    async send(message: MailMessage) {
      const transport = await connect();
      await transport.sendMail({
        from: smtp.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    async close() {
      if (transporter) (await transporter).close();
    },
  };
}
