/**
 * The mail port. The domain decides that a mail goes out (through events); adapters in mail/
 * deliver it: over SMTP when SMTP_SERVER is set, otherwise into the log, so that an embedded
 * instance with no mail server still shows its confirmation and reset links somewhere.
 */

/** One rendered mail, ready to hand to an SMTP server. */
export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part; every link in the mail appears here too. */
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves when the message is accepted for delivery; throws so the job is retried. */
  send(message: MailMessage): Promise<void>;
  /** Releases connections (the SMTP pool); called when Woolly shuts down. */
  close(): Promise<void>;
}
