/**
 * Who sends a human message to a workflow; the API fills it from the authenticated user, never from
 * the body. Part of the workflows' messages and of the activities' inputs, so it lives in domain/.
 */
import { z } from 'zod';
import { CityCode } from './cityCode';
import { ActingRole } from './roles';
import { plainText } from './text';

/**
 * Histories recorded before the roles became one list name the provincial coordinator
 * 'coordinator'; they still replay, read as today's word.
 */
const RecordedCoordinator = z.literal('coordinator').transform((): 'province_coordinator' => 'province_coordinator');

export const Officer = z.object({
  userId: plainText({ max: 100, trim: true }),
  role: z.union([ActingRole, RecordedCoordinator]),
  /** The officer's city; a provincial coordinator has none. */
  cityCode: CityCode.optional(),
  /** The authority's responsible person (负责人): approves penalty proposals and decisions (issue 19). */
  responsible: z.boolean().optional(),
});
export type Officer = z.infer<typeof Officer>;
export type OfficerInput = z.input<typeof Officer>;
