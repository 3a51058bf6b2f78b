/**
 * Mastodon's built-in roles, with the ids and permission bits Mastodon uses so that apps that
 * read `role.permissions` see what they expect.
 */
import type { RoleName } from '../../db/repositories/users.ts';

export type { RoleName };
export const roleNames: readonly RoleName[] = ['Owner', 'Admin', 'Moderator', 'User'];

export interface Role {
  id: string;
  name: string;
  color: string;
  /** Mastodon's permission bit field, as a decimal string in the API. */
  permissions: number;
  highlighted: boolean;
}

// Mastodon's UserRole::FLAGS.
export const permissions = {
  administrator: 1 << 0,
  devops: 1 << 1,
  viewAuditLog: 1 << 2,
  viewDashboard: 1 << 3,
  manageReports: 1 << 4,
  manageFederation: 1 << 5,
  manageSettings: 1 << 6,
  manageBlocks: 1 << 7,
  manageTaxonomies: 1 << 8,
  manageAppeals: 1 << 9,
  manageUsers: 1 << 10,
  manageInvites: 1 << 11,
  manageRules: 1 << 12,
  manageAnnouncements: 1 << 13,
  manageCustomEmojis: 1 << 14,
  manageWebhooks: 1 << 15,
  inviteUsers: 1 << 16,
  manageRoles: 1 << 17,
  manageUserAccess: 1 << 18,
  deleteUserData: 1 << 19,
} as const;

const moderator =
  permissions.viewDashboard |
  permissions.viewAuditLog |
  permissions.manageUsers |
  permissions.manageReports |
  permissions.manageTaxonomies |
  permissions.inviteUsers;
const all = Object.values(permissions).reduce((a, b) => a | b, 0);

export const roles: Record<RoleName, Role> = {
  User: {
    id: '-99',
    name: '',
    color: '',
    permissions: permissions.inviteUsers,
    highlighted: false,
  },
  Moderator: { id: '1', name: 'Moderator', color: '', permissions: moderator, highlighted: true },
  Admin: {
    id: '2',
    name: 'Admin',
    color: '',
    permissions: all & ~permissions.administrator,
    highlighted: true,
  },
  Owner: { id: '3', name: 'Owner', color: '', permissions: all, highlighted: true },
};

export function parseRole(name: string): RoleName | null {
  const found = roleNames.find((r) => r.toLowerCase() === name.toLowerCase());
  return found ?? null;
}

export function can(role: RoleName, permission: keyof typeof permissions): boolean {
  const bits = roles[role].permissions;
  return (bits & permissions.administrator) !== 0 || (bits & permissions[permission]) !== 0;
}
