/**
 * A penalty procedure's id (its workflow id and penalty_procedure's key): one per case and level.
 * A module of its own, without imports, so the case workflow that starts procedures loads nothing more.
 */
export type ProcedureLevelName = 'city' | 'province';

export const procedureIdOf = (caseId: string, level: ProcedureLevelName): string => `penalty-procedure/${caseId}/${level}`;
