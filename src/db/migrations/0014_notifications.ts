/**
 * What notifications need beyond 0011: the indexes their lists and clean-ups read by. A
 * recipient's notifications from one account (the `account_id` filter, notification requests
 * and accepting them), those about one status or report (removed with the status or report),
 * those from one account across recipients (removed with the account), and a recipient's
 * notification requests newest first.
 */
export const sql = `
CREATE INDEX notifications_from ON notifications (account_id, from_account_id, id);
CREATE INDEX notifications_from_account ON notifications (from_account_id);
CREATE INDEX notifications_status ON notifications (status_id) WHERE status_id IS NOT NULL;
CREATE INDEX notifications_report ON notifications (report_id) WHERE report_id IS NOT NULL;
CREATE INDEX notification_requests_account ON notification_requests (account_id, id);
`;
