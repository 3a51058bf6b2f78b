/**
 * Thrown by a job handler that cannot start its work now for a reason that is not a failure
 * (a delivery whose server already has its share of the delivery slots): the job goes back to
 * the queue for `delayMs` without counting an attempt and without a log line at warn level.
 *
 * @example throw new JobPostponed(250, 'srv.example has 5 deliveries running');
 */
export class JobPostponed extends Error {
  readonly delayMs: number;

  constructor(delayMs: number, reason: string) {
    super(reason);
    this.name = 'JobPostponed';
    this.delayMs = Math.max(0, delayMs);
  }
}
