/** A city officer's verification decision on a case (DATA-CONTRACT "Case outcomes"). */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { isValidUscc, normaliseUscc, USCC_MESSAGE } from './uscc';
import { onField } from './fieldMessages';
import { freeText, nameText, plainText } from './text';
import { TransferTarget } from './transfer';

export const CaseOutcome = z.enum(['COMPLIANT', 'RECTIFIED', 'DEREGISTERED', 'VIOLATION', 'TRANSFERRED']);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  COMPLIANT: '核查无问题',
  RECTIFIED: '已整改',
  DEREGISTERED: '已注销',
  VIOLATION: '确认挂证',
  TRANSFERRED: '移交其他部门',
};

/** Lawful reasons why the registration unit is the actual employer despite a flag. */
export const CompliantGround = z.enum(['BRANCH', 'RETIRED', 'INSTITUTION_RESTRUCTURE', 'COLLEGE_FIRM', 'MILITARY', 'SS_BUYOUT', 'DATA_LAG', 'OTHER_LAWFUL']);
export type CompliantGround = z.infer<typeof CompliantGround>;

export const COMPLIANT_GROUND_LABELS: Record<CompliantGround, string> = {
  BRANCH: '总分公司',
  RETIRED: '依法退休',
  INSTITUTION_RESTRUCTURE: '事业单位改制',
  COLLEGE_FIRM: '高校所属企业',
  MILITARY: '军队自主择业',
  SS_BUYOUT: '改制或征地买断社保',
  DATA_LAG: '数据滞后',
  OTHER_LAWFUL: '其他合法情形',
};

export const RectifyHow = z.enum(['moved_contributions', 'moved_registration']);
export type RectifyHow = z.infer<typeof RectifyHow>;

export const RECTIFY_HOW_LABELS: Record<RectifyHow, string> = {
  moved_contributions: '社保/公积金转至注册单位',
  moved_registration: '注册变更至实际工作单位',
};

const NonEmpty = freeText({ max: 2000 });
const note = NonEmpty.optional();
const AuthorityName = nameText({ max: 200 });

/** Unit code optional (blank = unknown); when given it must be a valid USCC, stored normalised. */
export const ActualEmployer = z.object({
  name: AuthorityName,
  code: plainText({ min: 0, max: 40 })
    .transform((s) => normaliseUscc(s) || null)
    .refine((c) => c === null || isValidUscc(c), { error: onField(USCC_MESSAGE) })
    .nullish(),
});
export type ActualEmployer = z.infer<typeof ActualEmployer>;

export const CaseDecision = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('COMPLIANT'), ground: CompliantGround, justification: NonEmpty, note }),
  z.object({ outcome: z.literal('RECTIFIED'), rectifiedOn: IsoDate, how: RectifyHow, note }),
  z.object({ outcome: z.literal('DEREGISTERED'), deregisteredOn: IsoDate, note }),
  z.object({ outcome: z.literal('VIOLATION'), actualEmployer: ActualEmployer, evidence: NonEmpty, note }),
  /** transferTo (issue 20): where the case goes; absent in decisions recorded before, which name the authority only. */
  z.object({ outcome: z.literal('TRANSFERRED'), receivingAuthority: AuthorityName, transferTo: TransferTarget.optional(), note }),
]);
export type CaseDecision = z.infer<typeof CaseDecision>;
export type CaseDecisionInput = z.input<typeof CaseDecision>;
