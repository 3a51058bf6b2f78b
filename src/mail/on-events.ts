/**
 * Which domain events send mail: each handler renders the mail now (with the site title and
 * the user's name as they are now) and enqueues its delivery on the `mailers` queue, so a
 * slow or failing mail server never slows down or fails the request that caused it.
 */
import { findAccountById } from '../db/repositories/accounts.ts';
import { findUserById } from '../db/repositories/users.ts';
import type { Deps } from '../domain/context.ts';
import type { MailMessage } from '../domain/mail.ts';
import { resetPasswordValidHours } from '../domain/accounts/password-reset.ts';
import { getSettings } from '../domain/instance/settings.ts';
import { deliverMailAttempts, deliverMailJob } from './deliver.ts';
import { archiveReadyMail } from './templates/archive-ready.ts';
import { confirmationMail } from './templates/confirmation.ts';
import { passwordResetMail } from './templates/password-reset.ts';

type MailDeps = Pick<Deps, 'config' | 'db' | 'events' | 'queue'>;

/** Subscribes the mail handlers; returns a function that unsubscribes them. */
export function sendMailOnEvents(deps: MailDeps): () => void {
  const enqueue = (message: MailMessage) =>
    deps.queue.enqueue('mailers', deliverMailJob, message, { maxAttempts: deliverMailAttempts });

  /** What every template needs: who the user is and how the instance calls itself. */
  async function recipient(userId: string) {
    const user = await findUserById(deps.db, userId);
    const account = user ? await findAccountById(deps.db, user.accountId) : null;
    if (!user || !account) return null; // deleted since: nobody to write to
    const settings = await getSettings(deps);
    return {
      user,
      username: account.username,
      siteTitle: settings.site_title,
      domain: deps.config.localDomain,
      baseUrl: deps.config.baseUrl,
    };
  }

  const off = [
    deps.events.on('user.confirmation_requested', async (event) => {
      const r = await recipient(event.userId);
      if (!r) return;
      await enqueue(
        await confirmationMail({
          ...r,
          to: event.email,
          token: event.token,
          change: r.user.confirmedAt !== null,
        }),
      );
    }),
    deps.events.on('user.password_reset_requested', async (event) => {
      const r = await recipient(event.userId);
      if (!r) return;
      await enqueue(
        await passwordResetMail({
          ...r,
          to: event.email,
          token: event.token,
          validHours: resetPasswordValidHours,
        }),
      );
    }),
    deps.events.on('archive.ready', async (event) => {
      const r = await recipient(event.userId);
      if (!r) return;
      await enqueue(await archiveReadyMail({ ...r, to: r.user.email, archiveId: event.archiveId }));
    }),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}
