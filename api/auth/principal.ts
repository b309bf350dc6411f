/** Who is calling: the user behind a verified token. */
import { RoleCannotActError } from '../../domain/errors';
import type { Officer } from '../../domain/officer';
import { isActingRole, type Role } from '../../domain/roles';

export interface Principal {
  /** The username (local users) or the IdP's user claim (OIDC). */
  userId: string;
  role: Role;
  /** Set for city officers only. */
  cityCode: string | null;
  /**
   * The authority's responsible person (负责人): approves a procedure's proposal and decision and extends
   * its time limit (migration 062). A permission beside the role, for city officers and coordinators only.
   */
  responsible: boolean;
  source: 'local' | 'oidc';
}

/**
 * The user as the sender of a command to a workflow, in the same role. An auditor only reads: a
 * command in an auditor's name is refused here, whatever a route's access rules say.
 */
export function officerOf(p: Principal): Officer {
  if (!isActingRole(p.role)) throw new RoleCannotActError(p.role);
  return { userId: p.userId, role: p.role, ...(p.cityCode ? { cityCode: p.cityCode } : {}), ...(p.responsible ? { responsible: true } : {}) };
}
