/**
 * Who acts on a procedure of a level: the city's officers on the city's (their own city: the case
 * scope checks that), the province coordinator on the province's. Supervisors and auditors never
 * act; a route's access already refuses them.
 */
import type { ProcedureLevel } from '../../domain/penaltyProcedure';
import type { Principal } from '../auth/principal';
import { Problem } from '../http/problem';

export function assertActsAtLevel(p: Principal, level: ProcedureLevel): void {
  if (level === 'city' && p.role !== 'city_officer') {
    throw new Problem('forbidden', '市（州）处罚程序由本市（州）经办人和负责人办理 (a city procedure is handled by the city)');
  }
  if (level === 'province' && p.role !== 'province_coordinator') {
    throw new Problem('forbidden', '省级处罚程序由省住房和城乡建设厅办理 (a provincial procedure is handled by the province)');
  }
}
