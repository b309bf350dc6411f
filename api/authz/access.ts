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
