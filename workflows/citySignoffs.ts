/**
 * Issue 21: both departments at the table. A city's submission is complete when 住建 (city_officer, who
 * submits it) and 人社 (city_hr_officer, who signs the same version) have both signed; the province reviews it
 * per department (省住建厅: province_coordinator, 省人社厅: province_hr_coordinator), approved when both parts
 * are, returned to the city by a return of either. The city workflow (workflows/city.ts) keeps the state in
 * its SubmissionState; these are its rules, pure and deterministic.
 */
import { DEPARTMENTS, reviewingDepartmentOf, signingDepartmentOf, type Department } from '../domain/department';
import { Officer, type OfficerInput } from '../domain/officer';
import type { SubmissionState } from './messages/city';
import type { SignSubmissionArgs } from './messages/citySignoffs';
import { refuse } from './refuse';

/**
 * The patch: a run that takes it records 住建's submission as 'signing' and waits for 人社's signature;
 * histories recorded before it (no marker) submit at once, as they did.
 */
export const DEPARTMENTS_COSIGN = 'departments-cosign';

/** Refuses a signature that is not 人社's of this city, or of no version awaiting it. */
export function validateSignoff(sub: SubmissionState, cityCode: string, cityName: string, a: SignSubmissionArgs): void {
  const o = Officer.safeParse(a.officer);
  if (!o.success || signingDepartmentOf(o.data.role) !== 'hr') refuse('会签须由市（州）人社局人员办理 (role city_hr_officer required)', 'RoleCannotAct');
  if (o.data.cityCode !== cityCode) refuse(`会签人员不属于${cityName} (officer of another city)`, 'RoleCannotAct');
  if (sub.status !== 'signing' || sub.version !== a.version) {
    refuse(`没有等待人社局会签的第${a.version}版报送（当前第${sub.version}版，状态 ${sub.status}）`);
  }
}

/**
 * The department a provincial reviewer decides for. A submission from before the patch has one part
 * (住建's, as before); 人社厅 has nothing to review there.
 */
export function reviewPartOf(sub: SubmissionState, raw: OfficerInput): Department {
  const o = Officer.safeParse(raw);
  const part = o.success ? reviewingDepartmentOf(o.data.role) : undefined;
  if (!part) refuse('此操作须由省住建厅或省人社厅人员办理 (role province_coordinator or province_hr_coordinator required)', 'RoleCannotAct');
  if (!sub.cosigned && part !== 'housing')
    refuse('此版报送未经两部门会签，由省住建厅审核 (a submission from before the co-signature is reviewed by 住建 only)', 'RoleCannotAct');
  if (sub.cosigned && sub.approvedParts?.includes(part)) refuse(`本部门已审核通过第${sub.version}版报送 (this department approved its part already)`);
  return part;
}

/** The departments whose approval a cosigned version still awaits after this one. */
export function partsAwaited(sub: SubmissionState): Department[] {
  return DEPARTMENTS.filter((d) => !sub.approvedParts?.includes(d));
}
