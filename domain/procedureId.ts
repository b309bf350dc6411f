/**
 * A penalty procedure's id (its workflow id and penalty_procedure's key): one per case and level, or one per
 * intermediary order.
 * A module of its own, without imports, so the case workflow that starts procedures loads nothing more.
 */
export type ProcedureLevelName = 'city' | 'province';

export const procedureIdOf = (caseId: string, level: ProcedureLevelName): string => `penalty-procedure/${caseId}/${level}`;

/**
 * The subject of an intermediary's procedure (issue 21 item 2, 情节严重): its rectification order, by
 * campaign and serial id (the id alone restarts with every database on one Temporal namespace). It
 * stands where a case id stands in the procedure's input, state and document numbers' subject.
 */
export const intermediaryProcedureSubject = (campaignId: string, orderId: number): string => `intermediary-order/${campaignId}/${orderId}`;

/** `penalty-procedure/intermediary-order/<campaignId>/<orderId>/city`: the order's procedure, always the city's (its 人社局). */
export const intermediaryProcedureIdOf = (campaignId: string, orderId: number): string =>
  procedureIdOf(intermediaryProcedureSubject(campaignId, orderId), 'city');

/** Whether a procedure's subject is an intermediary's order (not a case). */
export const isIntermediarySubject = (subject: string): boolean => subject.startsWith('intermediary-order/');

/** The issuing authority of an intermediary's procedure: the city's 人力资源和社会保障局 (db/migrations/079). */
export const intermediaryAuthorityCodeOf = (cityCode: string): string => `hr-${cityCode}`;
