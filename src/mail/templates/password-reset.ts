/** The mail with the link that lets a user choose a new password. */
import type { MailMessage } from '../../domain/mail.ts';
import { renderHtml, renderText, type MailParts } from './layout.ts';

export interface PasswordResetMail {
  to: string;
  siteTitle: string;
  domain: string;
  baseUrl: string;
  username: string;
  token: string;
  /** How long the link works, in hours (domain/accounts/password-reset.ts). */
  validHours: number;
}

export function passwordResetUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/auth/password/edit?reset_password_token=${encodeURIComponent(token)}`;
}

export async function passwordResetMail(mail: PasswordResetMail): Promise<MailMessage> {
  const parts: MailParts = {
    siteTitle: mail.siteTitle,
    domain: mail.domain,
    heading: 'Reset your password',
    intro: [
      `Someone asked for a new password for @${mail.username} on ${mail.domain}.`,
      `The link below lets you choose one. It works once, for ${mail.validHours} hours.`,
    ],
    action: { label: 'Choose a new password', url: passwordResetUrl(mail.baseUrl, mail.token) },
    outro: [
      'If you did not ask for this, ignore this mail: your password stays as it is unless the link is opened and a new one is chosen.',
    ],
  };
  return {
    to: mail.to,
    subject: `${mail.siteTitle}: Reset password instructions`,
    text: renderText(parts),
    html: await renderHtml(parts),
  };
}
