/** How a complaint or tip reached the authority (投诉举报渠道). */
import { z } from 'zod';

export const ComplaintChannel = z.enum(['phone', 'mail', 'letter', 'web', 'visit', 'referral', 'other']);
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;
