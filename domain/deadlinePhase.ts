/** The campaign's phases that end in a reporting deadline, and the two of them a city reports in. */
import { z } from 'zod';

export const DeadlinePhase = z.enum(['selfCheck', 'investigation', 'provincialVerification']);
export type DeadlinePhase = z.infer<typeof DeadlinePhase>;

/** A city's deadlines; the province's own is `provincialVerification`. */
export const CityDeadlinePhase = DeadlinePhase.exclude(['provincialVerification']);
export type CityDeadlinePhase = z.infer<typeof CityDeadlinePhase>;
