/**
 * The domain's own Chinese words for its codes (domain/*.ts label tables). In English the code
 * itself is shown, spaced out: the terms are defined once in docs/glossary.md.
 */
import { CERT_CATEGORY_LABELS } from '../../domain/certCategories';
import { cityName } from '../../domain/cities';
import { FLAG_LABELS } from '../../domain/flags';
import { CASE_OUTCOME_LABELS, COMPLIANT_GROUND_LABELS, RECTIFY_HOW_LABELS } from '../../domain/outcomes';
import { IMPOSING_LEVEL_LABELS, PENALTY_KIND_LABELS } from '../../domain/penalties';
import { currentLang } from './labels';

function pick(table: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  if (currentLang() === 'en') return code.replace(/_/g, ' ').toLowerCase();
  return table[code] ?? code;
}

export const flagLabel = (c: string) => pick(FLAG_LABELS, c);
export const outcomeLabel = (c: string | null | undefined) => pick(CASE_OUTCOME_LABELS, c);
export const groundLabel = (c: string) => pick(COMPLIANT_GROUND_LABELS, c);
export const rectifyHowLabel = (c: string) => pick(RECTIFY_HOW_LABELS, c);
export const penaltyLabel = (c: string) => pick(PENALTY_KIND_LABELS, c);
export const levelLabel = (c: string) => pick(IMPOSING_LEVEL_LABELS, c);
export const certLabel = (c: string) => pick(CERT_CATEGORY_LABELS, c);
export const cityLabel = (code: string | null | undefined) => (code ? `${cityName(code)}` : '');
