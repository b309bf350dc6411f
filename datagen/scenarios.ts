/**
 * The planted cases: every flag of DATA-CONTRACT "Screening semantics" and every edge case that
 * must NOT flag. Each scenario states the reasons it expects under the default settings
 * (window 3 months ending at as_of, age limit 65); the ground truth is exactly these reasons,
 * never the result of running the screening.
 */
import type { Scenario } from './scenarioPlan';
import { FLAGGED_SCENARIOS } from './scenariosFlagged';
import { UNFLAGGED_SCENARIOS } from './scenariosUnflagged';

export type { PersonPlan, Scenario } from './scenarioPlan';

/** In this order: the generator draws scenarios by weight over the list, so the order is part of the data. */
export const SCENARIOS: readonly Scenario[] = [...UNFLAGGED_SCENARIOS, ...FLAGGED_SCENARIOS];

/** Scenarios whose persons hold no valid registration, so they are not screened at all. */
export const NOT_SCREENED = new Set(['revoked_only', 'cancelled_only']);
