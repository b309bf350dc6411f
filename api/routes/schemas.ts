/** Path and query pieces shared by the routes. */
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { fieldMessage } from '../../domain/fieldMessages';
import { parseIdNumber } from '../../domain/idNumber';
import { plainText } from '../../domain/text';

export const CampaignParams = z.object({ campaignId: CampaignId });
export const CityParams = z.object({ campaignId: CampaignId, cityCode: CityCode });
export const CaseParams = z.object({ caseId: plainText({ max: 120 }) });

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** A resident ID number, checked (GB 11643 check character, birth date) and normalised to 18 characters. */
export const IdNumberInput = plainText({ min: 15, max: 18, trim: true })
  .refine((s) => parseIdNumber(s).ok, {
    // The reason only (「身份证号」不正确：校验位错误): the number itself never goes into a message.
    error: (iss) => {
      const r = parseIdNumber(typeof iss.input === 'string' ? iss.input : '');
      return fieldMessage(iss.path ?? [], `不正确：${r.ok ? '请核对后重新填写' : r.reasonZh}`);
    },
  })
  .transform((s) => {
    const r = parseIdNumber(s);
    return r.ok ? r.id18 : s;
  });

/** A plain acknowledgement body. */

export const tags = {
  auth: ['auth'],
  campaigns: ['campaigns'],
  imports: ['imports'],
  cases: ['cases'],
  intake: ['self-check, deregistration, complaints'],
  submissions: ['submissions'],
  alerts: ['alerts'],
  reports: ['reports'],
  bans: ['bans'],
  publication: ['publication'],
  audit: ['audit'],
};
