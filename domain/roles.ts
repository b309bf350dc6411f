/**
 * The roles of the campaign's users: the API authorises by them, the workflows refuse messages by
 * them, and the read model records them beside each decision.
 */
import { z } from 'zod';

export const Role = z.enum(['province_coordinator', 'city_officer', 'supervisor', 'auditor']);
export type Role = z.infer<typeof Role>;
export const ROLES: readonly Role[] = Role.options;

/** Roles that may send commands to the workflows; an auditor only reads. */
export const ActingRole = Role.exclude(['auditor']);
export type ActingRole = z.infer<typeof ActingRole>;

export function isActingRole(role: Role): role is ActingRole {
  return ActingRole.safeParse(role).success;
}
