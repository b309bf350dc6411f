import { officerOf, type Principal } from '../../../api/auth/principal';
import { DomainError, RoleCannotActError } from '../../../domain/errors';
import { Officer } from '../../../domain/officer';
import { ROLES } from '../../../domain/roles';

const principal = (role: Principal['role'], cityCode: string | null = null): Principal => ({
  userId: `u-${role}`,
  role,
  cityCode,
  responsible: false,
  source: 'local',
});

describe('one role list for the API, the workflows and the read model', () => {
  it('sends every acting role to the workflows under its own name', () => {
    expect(officerOf(principal('province_coordinator'))).toEqual({ userId: 'u-province_coordinator', role: 'province_coordinator' });
    expect(officerOf(principal('city_officer', '2201'))).toEqual({ userId: 'u-city_officer', role: 'city_officer', cityCode: '2201' });
    expect(officerOf(principal('supervisor'))).toEqual({ userId: 'u-supervisor', role: 'supervisor' });
  });

  it("refuses a command in an auditor's name instead of turning the auditor into a supervisor", () => {
    const attempt = () => officerOf(principal('auditor'));
    expect(attempt).toThrow(RoleCannotActError);
    try {
      attempt();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('RoleCannotAct');
    }
  });

  it('lets a workflow message name no auditor', () => {
    expect(Officer.safeParse({ userId: 'a-1', role: 'auditor' }).success).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'auditor')) expect(Officer.parse({ userId: 'u', role }).role).toBe(role);
  });

  it("reads a recorded history's 'coordinator' as today's province_coordinator", () => {
    expect(Officer.parse({ userId: 'province-1', role: 'coordinator' })).toEqual({ userId: 'province-1', role: 'province_coordinator' });
  });
});
