/**
 * The Chinese labels the reports print, gathered from the domain's one definition of each and
 * passed to the report SQL as one jsonb parameter (so the wording is never defined twice).
 */
import { CERT_CATEGORY_LABELS } from '../../domain/certCategories';
import { JILIN_CITIES } from '../../domain/cities';
import { FLAG_LABELS } from '../../domain/flags';
import { CASE_OUTCOME_LABELS, COMPLIANT_GROUND_LABELS, RECTIFY_HOW_LABELS } from '../../domain/outcomes';
import { PENALTY_KIND_LABELS } from '../../domain/penalties';

export const REPORT_LABELS = {
  cert: CERT_CATEGORY_LABELS,
  flag: FLAG_LABELS,
  outcome: CASE_OUTCOME_LABELS,
  ground: COMPLIANT_GROUND_LABELS,
  how: RECTIFY_HOW_LABELS,
  correction: { ...RECTIFY_HOW_LABELS, deregistration_applied: '申请注销注册' },
  penalty: PENALTY_KIND_LABELS,
  city: Object.fromEntries(JILIN_CITIES.map((c) => [c.code, c.name])) as Record<string, string>,
};

/** The $3 parameter of the detail SQL. */
export const REPORT_LABELS_JSON = JSON.stringify(REPORT_LABELS);
