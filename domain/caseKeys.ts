/**
 * Case identifiers: deterministic business keys, so every retry lands on the same rows. A case id is
 * globally unique, '<campaignId>-<cityCode>-<6-digit seq>' (activities and penalty keys take the case
 * id alone, and a demo campaign may share the database with a real one).
 */

/** Cases per city and campaign are numbered 1..999999 ('2201-000042' is what officers see). */
export const MAX_CASE_SEQ = 999_999;

/** Serialises case numbering within one campaign and city (a transaction-scoped advisory lock). */
export const CASE_SEQ_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('case_seq:' || $1 || ':' || $2))`;

/** A unit as penalty and on-site-check keys name it: its USCC, else its normalised name. */
export function unitKey(code: string | null | undefined, normalisedName: string): string {
  return code ? code : `name:${normalisedName}`;
}
