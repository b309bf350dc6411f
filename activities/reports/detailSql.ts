/**
 * The relation every report figure comes from lives in the read model (readModel/detailRelation.ts),
 * so the API's figures and the reports' are counted by one definition; the detail sheet's SQL
 * (detailDisplaySql) builds on the same pieces.
 */
export { casesBranch, classified, MAP, registryCtes, selfCheckBranches, selfCheckCtes } from '../../readModel/detailRelation';
