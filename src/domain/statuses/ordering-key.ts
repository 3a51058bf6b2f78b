/**
 * The ordering key of the jobs about one post (its home-feed fan-out, its notifications, their
 * withdrawal when it is deleted): they run one at a time, in the order they were made, so a
 * deletion never overtakes the fan-out it undoes. Feeds and notifications use the same key, so
 * an event's jobs for both can be stored as one job (jobs/event-jobs.ts).
 */
export const statusOrderingKey = (statusId: string): string => `status:${statusId}`;
