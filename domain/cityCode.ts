/** A prefecture-level division's code (市（州）代码): four digits, 2201 for 长春市. */
import { z } from 'zod';

export const CityCode = z.string().regex(/^\d{4}$/, 'city code: 4 digits (2201 ...)');
export type CityCode = z.infer<typeof CityCode>;
