/** Who is calling: the user behind a verified token. */
import { z } from 'zod';

export const Role = z.enum(['province_coordinator', 'city_officer', 'supervisor', 'auditor']);
export type Role = z.infer<typeof Role>;
export const ROLES: readonly Role[] = Role.options;

export interface Principal {
  /** The username (local users) or the IdP's user claim (OIDC). */
  userId: string;
  role: Role;
  /** Set for city officers only. */
  cityCode: string | null;
  source: 'local' | 'oidc';
}

/** The workflows' word for a role (workflows/messages/case.ts Officer). */
export function officerOf(p: Principal): { userId: string; role: 'city_officer' | 'coordinator' | 'supervisor'; cityCode?: string } {
  const role = p.role === 'province_coordinator' ? 'coordinator' : p.role === 'city_officer' ? 'city_officer' : 'supervisor';
  return { userId: p.userId, role, ...(p.cityCode ? { cityCode: p.cityCode } : {}) };
}
