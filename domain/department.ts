/**
 * The departments that sign a city's 汇总表 and review it at the province (issue 21). The seed:
 * 各市（州）住建局、人社局……共同填写《汇总表》，报送至省住建厅、省人社厅; 省住建厅、省人社厅……对各地上报的《汇总表》进行核查确认.
 * 住建 (housing) and 人社 (hr) each sign the city's submission and each review their part of it.
 */
import { z } from 'zod';
import type { Role } from './roles';

export const Department = z.enum(['housing', 'hr']);
export type Department = z.infer<typeof Department>;
export const DEPARTMENTS: readonly Department[] = Department.options;

export const DEPARTMENT_LABELS: Record<Department, { city: string; province: string; ministry: string }> = {
  housing: { city: '市（州）住房和城乡建设局', province: '吉林省住房和城乡建设厅', ministry: '住房和城乡建设部' },
  hr: { city: '市（州）人力资源和社会保障局', province: '吉林省人力资源和社会保障厅', ministry: '人力资源和社会保障部' },
};

/** The department a city user signs the city's submission for; undefined for a role that does not sign. */
export function signingDepartmentOf(role: Role): Department | undefined {
  if (role === 'city_officer') return 'housing';
  if (role === 'city_hr_officer') return 'hr';
  return undefined;
}

/** The department whose part of a city's submission a provincial user reviews. */
export function reviewingDepartmentOf(role: Role): Department | undefined {
  if (role === 'province_coordinator') return 'housing';
  if (role === 'province_hr_coordinator') return 'hr';
  return undefined;
}
