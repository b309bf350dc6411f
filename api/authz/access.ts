/**
 * Who may call a route, declared on the route itself (`config.access`), and enforced for every
 * route by one hook (authz/enforceAccess.ts). A route without a declaration fails start-up.
 */
import { ROLES, type Role } from '../../domain/roles';

export type CityScope =
  /** A `:cityCode` path parameter: a city officer may only name their own city. */
  | { kind: 'param'; param: string }
  /** A `:caseId` path parameter: the case's city must be the officer's own. */
  | { kind: 'case'; param: string }
  /** A list: the handler restricts rows to the officer's city (authz/cityFilter.ts). */
  | { kind: 'filter' }
  /** Not city data (e.g. the ban look-up, which serves registration desks in every city). */
  | { kind: 'none' };

export type Access =
  | { public: true }
  | {
      public?: false;
      roles: readonly Role[];
      city: CityScope;
      /** Only the authority's responsible person (负责人) among those roles: the procedures' approvals. */
      responsible?: true;
    };

export const READ_ALL: readonly Role[] = ROLES;
export const COORDINATOR: readonly Role[] = ['province_coordinator'];
export const OFFICER: readonly Role[] = ['city_officer'];
export const OFFICER_OR_COORDINATOR: readonly Role[] = ['province_coordinator', 'city_officer'];
/** The city's 人社局 (issue 21): social-insurance evidence, labour-relationship findings, the 汇总表's second signature. */
export const HR_OFFICER: readonly Role[] = ['city_hr_officer'];
/** The city's 住房公积金管理中心: uploads and confirms its city's fund data. */
export const FUND_OFFICER: readonly Role[] = ['city_fund_officer'];
/** Both provincial departments (省住建厅, 省人社厅). */
export const PROVINCE: readonly Role[] = ['province_coordinator', 'province_hr_coordinator'];
/** Who reads a city's cases with the persons' data: 住建 and 人社 of the city, and both provincial departments. */
export const CASE_READERS_WITH_PERSONS: readonly Role[] = ['province_coordinator', 'city_officer', 'city_hr_officer', 'province_hr_coordinator'];
