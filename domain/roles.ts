/**
 * The roles of the campaign's users: the API authorises by them, the workflows refuse messages by
 * them, and the read model records them beside each decision.
 *
 * The campaign is joint (seed: 市（州）住建局、人社局、住房公积金管理中心共同比对，共同填写《汇总表》，报送省住建厅、
 * 省人社厅): beside 住建 (province_coordinator, city_officer) the city's 人社局 (city_hr_officer), the city's
 * 住房公积金管理中心 (city_fund_officer) and the provincial 人社厅 (province_hr_coordinator). Which
 * department a role belongs to is domain/department.ts.
 */
import { z } from 'zod';

export const Role = z.enum([
  'province_coordinator',
  'city_officer',
  'supervisor',
  'auditor',
  'city_hr_officer',
  'city_fund_officer',
  'province_hr_coordinator',
]);
export type Role = z.infer<typeof Role>;
export const ROLES: readonly Role[] = Role.options;

/** Roles that may send commands to the workflows; an auditor only reads. */
export const ActingRole = Role.exclude(['auditor']);
export type ActingRole = z.infer<typeof ActingRole>;

export function isActingRole(role: Role): role is ActingRole {
  return ActingRole.safeParse(role).success;
}

/** Roles of one city's authorities: a user of these roles belongs to exactly one city and sees only its data. */
export const CITY_ROLES = ['city_officer', 'city_hr_officer', 'city_fund_officer'] as const satisfies readonly Role[];
export type CityRole = (typeof CITY_ROLES)[number];

export function isCityRole(role: Role): role is CityRole {
  return (CITY_ROLES as readonly Role[]).includes(role);
}

/** The Chinese name of each role, as officials read it (the console, the reports' sign-offs). */
export const ROLE_LABELS: Record<Role, string> = {
  province_coordinator: '省住建厅',
  city_officer: '市（州）住建局',
  supervisor: '督导',
  auditor: '审计',
  city_hr_officer: '市（州）人社局',
  city_fund_officer: '住房公积金管理中心',
  province_hr_coordinator: '省人社厅',
};
