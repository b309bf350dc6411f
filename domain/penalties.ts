/** Penalties for a confirmed violation and the phase-1 exemption (DATA-CONTRACT "Case outcomes"). */
import { z } from 'zod';
import { addDays, CampaignCalendar, IsoDate } from './calendar';
import { isRealDate } from './idNumber';

export const PenaltyKind = z.enum([
  'REVOKE_REGISTRATION',
  'REGISTRATION_BAN_3Y',
  'BAD_CONDUCT_PERSON',
  'BAD_CONDUCT_UNIT',
  'DYNAMIC_QUALIFICATION_CHECK',
  'NOTIFY_EMPLOYER',
  'AGENCY_RECTIFY_ORDER',
]);
export type PenaltyKind = z.infer<typeof PenaltyKind>;

export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  REVOKE_REGISTRATION: '撤销注册',
  REGISTRATION_BAN_3Y: '3年内不予受理注册申请',
  BAD_CONDUCT_PERSON: '个人不良行为记录',
  BAD_CONDUCT_UNIT: '单位不良行为记录',
  DYNAMIC_QUALIFICATION_CHECK: '列入资质动态核查',
  NOTIFY_EMPLOYER: '通报实际工作单位',
  AGENCY_RECTIFY_ORDER: '责令中介机构限期整改',
};

export const ImposingLevel = z.enum(['city', 'province']);
export type ImposingLevel = z.infer<typeof ImposingLevel>;

export const IMPOSING_LEVEL_LABELS: Record<ImposingLevel, string> = {
  city: '市（州）',
  province: '省级',
};

export const BAN_YEARS = 3;

/**
 * The 3-year ban as an inclusive date range: it starts on `startDate` and its
 * last day is the day before the third anniversary (2025-01-15 → 2028-01-14),
 * the usual reading of "three years" in Chinese administrative practice. A ban
 * starting on 29 February ends on 28 February.
 */
export function banPeriod(startDate: string): { start: string; end: string } {
  const y = Number(startDate.slice(0, 4)) + BAN_YEARS;
  const m = Number(startDate.slice(5, 7));
  const d = Number(startDate.slice(8, 10));
  const anniversary = isRealDate(y, m, d) ? `${y}${startDate.slice(4)}` : `${y}-03-01`;
  return { start: startDate, end: addDays(anniversary, -1) };
}

/** Whether a ban recorded as {start, end} is in force on `date` (inclusive). */
export function banInForce(ban: { start: string; end: string }, date: string): boolean {
  return ban.start <= date && date <= ban.end;
}

/**
 * 自查自纠期间及时整改到位的，不再追究责任: a correction made on or before the
 * self-check deadline (phase 1) exempts the person and unit from liability.
 */
export function exemptFromLiability(rectifiedOn: string, calendar: Pick<CampaignCalendar, 'selfCheck'>): boolean {
  return rectifiedOn <= calendar.selfCheck.deadline;
}

/**
 * The penalties a confirmed violation carries: always the first five; notifying
 * the employer when it is a public-sector body; an order to the agency when an
 * HR agency arranged it.
 */
export function penaltiesForViolation(opts: { publicSectorEmployer: boolean; viaAgency: boolean }): PenaltyKind[] {
  const kinds: PenaltyKind[] = ['REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y', 'BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'DYNAMIC_QUALIFICATION_CHECK'];
  if (opts.publicSectorEmployer) kinds.push('NOTIFY_EMPLOYER');
  if (opts.viaAgency) kinds.push('AGENCY_RECTIFY_ORDER');
  return kinds;
}

/** One penalty as recorded: kind, imposing level, date; a ban keeps its start and end. */
export const PenaltyRecord = z
  .object({
    kind: PenaltyKind,
    level: ImposingLevel,
    imposedOn: IsoDate,
    banStart: IsoDate.optional(),
    banEnd: IsoDate.optional(),
    note: z.string().trim().min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind !== 'REGISTRATION_BAN_3Y') return;
    if (!p.banStart || !p.banEnd) {
      ctx.addIssue({ code: 'custom', path: ['banStart'], message: 'a registration ban needs its start and end dates' });
    } else if (p.banEnd < p.banStart) {
      ctx.addIssue({ code: 'custom', path: ['banEnd'], message: 'ban ends before it starts' });
    }
  });
export type PenaltyRecord = z.infer<typeof PenaltyRecord>;
