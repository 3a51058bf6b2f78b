/**
 * The `icon` of a push: the sender's `avatar_static` as the Account entity shows it (the
 * default picture for a suspended account or one without an avatar).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { missingAvatarPath } from '../default-images.ts';

export const pushIcon =
  (baseUrl: string) =>
  (account: AccountRecord): string =>
    (account.suspendedAt === null && account.avatarRemoteUrl) || `${baseUrl}${missingAvatarPath}`;
