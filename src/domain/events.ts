/**
 * The domain events Woolly's services emit after their transaction commits. Handlers
 * (notifications, feeds, streaming, web push, federation outbox, mail) subscribe to these.
 */
export interface DomainEvents {
  'account.created': { accountId: string; userId: string | null };
  'account.updated': { accountId: string };
  'account.deleted': { accountId: string; username: string; domain: string | null };
  'user.confirmation_requested': { userId: string; email: string; token: string };
  'user.confirmed': { userId: string; accountId: string };
  'user.password_reset_requested': { userId: string; email: string; token: string };
  'user.approved': { userId: string; accountId: string };
}
