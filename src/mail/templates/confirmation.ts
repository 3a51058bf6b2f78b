/** The mail with the link that confirms an address: after sign-up, or after a change of address. */
import type { MailMessage } from '../../domain/mail.ts';
import { renderHtml, renderText, type MailParts } from './layout.ts';

export interface ConfirmationMail {
  to: string;
  siteTitle: string;
  domain: string;
  baseUrl: string;
  username: string;
  token: string;
  /** True when a confirmed user is changing their address. */
  change: boolean;
}

export function confirmationUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/auth/confirmation?confirmation_token=${encodeURIComponent(token)}`;
}

export async function confirmationMail(mail: ConfirmationMail): Promise<MailMessage> {
  const parts: MailParts = {
    siteTitle: mail.siteTitle,
    domain: mail.domain,
    heading: mail.change ? 'Confirm your new e-mail address' : 'Confirm your e-mail address',
    intro: mail.change
      ? [
          `You asked to change the e-mail address of @${mail.username} on ${mail.domain} to this one.`,
          'Open the link below to confirm the change.',
        ]
      : [
          `Someone, hopefully you, created the account @${mail.username} on ${mail.domain} with this e-mail address.`,
          'Open the link below to confirm the address and activate the account.',
        ],
    action: {
      label: mail.change ? 'Confirm the new address' : 'Confirm my address',
      url: confirmationUrl(mail.baseUrl, mail.token),
    },
    outro: ['If this was not you, ignore this mail: nothing happens unless the link is opened.'],
  };
  return {
    to: mail.to,
    subject: `${mail.siteTitle}: Confirmation instructions for ${mail.domain}`,
    text: renderText(parts),
    html: await renderHtml(parts),
  };
}
