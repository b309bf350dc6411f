/** A prefecture-level division's code (市（州）代码): four digits, 2201 for 长春市. */
import { z } from 'zod';
import { onField } from './fieldMessages';

export const CityCode = z.string().regex(/^\d{4}$/, { error: onField('应为4位数字的市（州）代码，如 2201（长春市）') });
export type CityCode = z.infer<typeof CityCode>;
