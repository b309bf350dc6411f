/**
 * The demo's users, one per role (officers for 长春市 2201 and 吉林市 2202), and the responsible persons
 * (负责人) who approve procedures: 长春市's and the province's. Only the demo launcher
 * calls this; a real deployment creates its users with `guazheng user add`. Passwords are in
 * docs/api.md and are public: never run the demo on a reachable network.
 */
import type { Pool } from 'pg';
import { createUser, UserExistsError, type NewUser } from './createUser';

export const DEMO_USERS: readonly (NewUser & { password: string })[] = Object.freeze([
  { username: 'coordinator', displayName: '省级协调人（演示）', role: 'province_coordinator', password: 'demo-coordinator' },
  { username: 'officer2201', displayName: '长春市经办人（演示）', role: 'city_officer', cityCode: '2201', password: 'demo-officer-2201' },
  { username: 'officer2202', displayName: '吉林市经办人（演示）', role: 'city_officer', cityCode: '2202', password: 'demo-officer-2202' },
  { username: 'leader2201', displayName: '长春市负责人（演示）', role: 'city_officer', cityCode: '2201', responsible: true, password: 'demo-leader-2201' },
  { username: 'leader22', displayName: '省住建厅负责人（演示）', role: 'province_coordinator', responsible: true, password: 'demo-leader-22' },
  { username: 'supervisor', displayName: '督导（演示）', role: 'supervisor', password: 'demo-supervisor' },
  { username: 'auditor', displayName: '审计（演示）', role: 'auditor', password: 'demo-auditor' },
  // Issue 21: the other departments at the table (长春市人社局 co-signs 长春市's 汇总表; 省人社厅 reviews its part).
  { username: 'hr2201', displayName: '长春市人社局经办人（演示）', role: 'city_hr_officer', cityCode: '2201', password: 'demo-hr-2201' },
  { username: 'hr2202', displayName: '吉林市人社局经办人（演示）', role: 'city_hr_officer', cityCode: '2202', password: 'demo-hr-2202' },
  { username: 'fund2201', displayName: '长春市住房公积金管理中心经办人（演示）', role: 'city_fund_officer', cityCode: '2201', password: 'demo-fund-2201' },
  { username: 'hr22', displayName: '省人社厅协调人（演示）', role: 'province_hr_coordinator', password: 'demo-hr-coordinator' },
]);

/** Creates the demo users that are missing; returns the names created. */
export async function ensureDemoUsers(pool: Pool): Promise<string[]> {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    try {
      await createUser(pool, u);
      created.push(u.username);
    } catch (err) {
      if (!(err instanceof UserExistsError)) throw err;
    }
  }
  return created;
}
