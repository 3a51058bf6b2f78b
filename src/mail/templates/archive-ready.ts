/** The mail that says a requested archive is ready (Mastodon's UserMailer#backup_ready). */
import type { MailMessage } from '../../domain/mail.ts';
import { renderHtml, renderText, type MailParts } from './layout.ts';

export interface ArchiveReadyMail {
  to: string;
  siteTitle: string;
  domain: string;
  baseUrl: string;
  username: string;
  archiveId: string;
}

/** The download link; it works for the owner, signed in (web/settings-export.ts). */
export function archiveDownloadUrl(baseUrl: string, archiveId: string): string {
  return `${baseUrl}/settings/export/archives/${archiveId}/download`;
}

export async function archiveReadyMail(mail: ArchiveReadyMail): Promise<MailMessage> {
  const parts: MailParts = {
    siteTitle: mail.siteTitle,
    domain: mail.domain,
    heading: 'Your archive is ready for download',
    intro: [
      `The archive of @${mail.username} on ${mail.domain} you asked for is ready: your posts, likes, bookmarks, profile and uploaded media.`,
    ],
    action: { label: 'Download archive', url: archiveDownloadUrl(mail.baseUrl, mail.archiveId) },
    outro: [`Your archives are also listed at ${mail.baseUrl}/settings/export.`],
  };
  return {
    to: mail.to,
    subject: `${mail.siteTitle}: Your archive is ready for download`,
    text: renderText(parts),
    html: await renderHtml(parts),
  };
}
