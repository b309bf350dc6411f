/** The input sources of the DATA-CONTRACT, by the name a campaign's configuration and the importer use. */
import { z } from 'zod';

export const SOURCE_NAMES = [
  'registrations',
  'social_insurance',
  'housing_fund',
  'units',
  'public_sector_staff',
  'exam_applications',
  'labor_contracts',
] as const;
export const SourceName = z.enum(SOURCE_NAMES);
export type SourceName = z.infer<typeof SourceName>;
