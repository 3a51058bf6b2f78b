import { roles, type RoleName } from '../../../domain/accounts/roles.ts';

/** Mastodon's Role entity (the signed-in user's own role, in CredentialAccount). */
export interface RoleJson {
  id: string;
  name: string;
  color: string;
  /** The permission bit field as a decimal string. */
  permissions: string;
  highlighted: boolean;
}

/** Mastodon's AccountRole: the public part of a role, shown on profiles. */
export interface AccountRoleJson {
  id: string;
  name: string;
  color: string;
}

export function serializeRole(name: RoleName): RoleJson {
  const role = roles[name];
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    permissions: String(role.permissions),
    highlighted: role.highlighted,
  };
}

/** The roles a profile shows: only a highlighted one (staff badges), never the plain User. */
export function serializeAccountRoles(name: RoleName): AccountRoleJson[] {
  const role = roles[name];
  return role.highlighted ? [{ id: role.id, name: role.name, color: role.color }] : [];
}
