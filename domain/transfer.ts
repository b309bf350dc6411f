/**
 * Where a TRANSFERRED case goes (issue 20 item 6): a receiving city of the province, where a case
 * opens for the same person, or an outside authority (人社, 公安, 市场监管, another province...) from
 * the province's editable list, to which a referral letter (移送函) is sent. Codes only: the names
 * are the read model's, so nothing here is personal or free text.
 */
import { z } from 'zod';
import { CityCode } from './cityCode';
import { onField } from './fieldMessages';
import { IsoDate } from './calendar';
import { freeText, nameText } from './text';

/**
 * An outside authority's code: a short lower-case word (hrss, police). It begins with a letter, and the words a
 * client sends for a missing value (null, undefined, true, false) are no code: a form that lost its value must not
 * create an authority named after that.
 */
const NOT_A_CODE = ['null', 'undefined', 'true', 'false', 'nan'];
export const AuthorityCode = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, { error: onField('应为1至40位小写字母、数字、下划线或连字符，以字母开头') })
  .refine((code) => !NOT_A_CODE.includes(code), { error: onField('不能是 null、undefined、true、false 或 nan') });
export type AuthorityCode = z.infer<typeof AuthorityCode>;

export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('city'), cityCode: CityCode }),
  z.object({ kind: z.literal('authority'), authorityCode: AuthorityCode }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/** An outside authority as the province keeps it. */
export const OutsideAuthorityInput = z.object({
  code: AuthorityCode,
  name: nameText({ max: 200 }),
  active: z.boolean().default(true),
});
export type OutsideAuthorityInput = z.input<typeof OutsideAuthorityInput>;

/** How a referral letter was served (送达方式). */
export const ReferralServiceMethod = z.enum(['in_person', 'post', 'electronic', 'exchange']);
export type ReferralServiceMethod = z.infer<typeof ReferralServiceMethod>;

export const ReferralServiceInput = z.object({ servedOn: IsoDate, method: ReferralServiceMethod.meta({ title: '送达方式' }) });
export type ReferralServiceInput = z.input<typeof ReferralServiceInput>;

export const ReferralAnswerInput = z.object({ answeredOn: IsoDate, answer: freeText({ max: 4000 }) });
export type ReferralAnswerInput = z.input<typeof ReferralAnswerInput>;
