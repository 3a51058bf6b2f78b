/**
 * The profile directory's `active` order (most recent poster first, accounts that never
 * posted last) read from an index of the discoverable accounts instead of sorting them all.
 * PostgreSQL puts NULLs first in a descending index unless told; SQLite always puts them last.
 */
export const sqlite = `
CREATE INDEX accounts_directory_active ON accounts (last_status_at DESC, id DESC) WHERE discoverable = TRUE;
`;

export const postgres = `
CREATE INDEX accounts_directory_active ON accounts (last_status_at DESC NULLS LAST, id DESC) WHERE discoverable = TRUE;
`;
