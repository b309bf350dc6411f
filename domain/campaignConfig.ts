/**
 * A campaign's configuration (what a provincial coordinator launches) and its clock.
 *
 * Pure and deterministic: workflows compute every instant through the clock functions below,
 * so the real calendar and the demo's compressed one run the same workflow code.
 */
import { z } from 'zod';
import { CampaignCalendar, SEED_CALENDAR } from './calendar';
import { JILIN_CITIES } from './cities';
import { RiskWeights, type ScreeningSettings } from './flags';
import { IsoMonth } from './calendar';
import { calendarDateAt, CampaignClock, CampaignId, CityCode, type Clocked } from './campaignClock';
import type { FieldIssue } from './errors';
import { fieldLabel } from './fieldLabels';

export {
  calendarDateAt,
  CampaignClock,
  CampaignId,
  CityCode,
  DAY_MS,
  dayStartAt,
  deadlineAt,
  HOUR_MS,
  toCalendarTime,
  toWallTime,
  wallDuration,
} from './campaignClock';

export { SourceName } from './sourceName';
import { SourceName } from './sourceName';
import { nameText, plainText } from './text';
import { onField } from './fieldMessages';
import { PenaltyKind } from './penalties';

/**
 * The penalty kinds the province imposes itself (对于应由省级主管部门处罚的事项，省住建厅、省人社厅依法依规给予行政处罚):
 * revocation of registration (撤销注册). The province revokes a 二级 registration; a 一级 registration is
 * revoked by the ministry (住房和城乡建设部) on the province's proposal, which the province's
 * imposition records. Every other kind is the city's. A province that leaves revocation to the
 * cities launches with `rules.provincialPenaltyKinds: []`.
 */
export const DEFAULT_PROVINCIAL_PENALTY_KINDS: readonly PenaltyKind[] = ['REVOKE_REGISTRATION'];

/**
 * Where the data comes from: an existing snapshot, or files (paths on the worker's host) /
 * provider URLs per source, imported at launch into a new snapshot.
 */
export const DataSources = z
  .object({
    snapshotId: z.number().int().positive().optional(),
    files: z.partialRecord(SourceName, z.array(plainText({ max: 4096 })).min(1)).default({}),
    providers: z.partialRecord(SourceName, plainText({ max: 2000 }).url()).default({}),
  })
  .refine((d) => d.snapshotId !== undefined || (d.files.registrations && d.files.social_insurance) || d.providers.registrations, {
    error: '请给出「数据快照编号」，或至少注册信息和社保缴费的「数据文件」，或注册信息的「数据接口」',
  });
export type DataSources = z.infer<typeof DataSources>;

export const CampaignRules = z.object({
  /** Screening window in months and age limit (DATA-CONTRACT defaults). */
  windowMonths: z.number().int().min(1).max(60).default(3),
  ageLimit: z.number().int().min(16).max(120).default(65),
  /** The month screening measures; default: the latest social-insurance period in the data. */
  asOf: IsoMonth.optional(),
  riskWeights: RiskWeights.default({}),
  /** An undecided case: the officer is reminded after N days, supervisors alerted after M. */
  reminderAfterDays: z.number().int().min(1).default(7),
  escalateAfterDays: z.number().int().min(1).default(14),
  /** An unmet deadline's overdue alert repeats this often until resolved. */
  overdueRepeatHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Due-soon warnings, in days before a deadline. */
  dueSoonDays: z.array(z.number().int().min(1).max(60)).default([7, 1]),
  /** Fast-track deregistration (发证机关及时快捷办理注销): time limit in working days. */
  deregistrationSlaWorkingDays: z.number().int().min(1).max(60).default(5),
  /**
   * A city lags (进展不力) at the progress notice when it has not submitted its self-check
   * summary, or when its self-check declarations cover less than this share of its flagged
   * registrations (0 disables the share test).
   */
  lagThreshold: z.number().min(0).max(1).default(0.5),
  /**
   * A unit with pronounced hanging: at least minViolations, or minShare of its registered staff.
   * During the investigation a liable decision makes the city look for units past the threshold,
   * at once, then at most once every minHoursBetweenChecks campaign-clock hours (default 1, a
   * setting: each look reads every liable case of the city).
   */
  pronouncedHanging: z
    .object({
      minViolations: z.number().int().min(1).default(3),
      minShare: z.number().min(0).max(1).default(0.3),
      minHoursBetweenChecks: z.number().int().min(1).max(24).default(1),
    })
    .default({ minViolations: 3, minShare: 0.3, minHoursBetweenChecks: 1 }),
  /** Cases per case-shard workflow (Temporal: at most ~1,000 children per parent). */
  shardSize: z.number().int().min(1).max(500).default(500),
  /**
   * Penalty kinds reserved to the province: a city's decision leaves them out, the province imposes
   * them in phase 3 (POST /cases/{id}/provincial-penalties); the decision preview lists them as the
   * province's. Default DEFAULT_PROVINCIAL_PENALTY_KINDS (revocation of registration).
   */
  provincialPenaltyKinds: z
    .array(PenaltyKind)
    .max(PenaltyKind.options.length)
    .refine((k) => new Set(k).size === k.length, { error: onField('中有重复的处罚种类') })
    .default([...DEFAULT_PROVINCIAL_PENALTY_KINDS]),
});
export type CampaignRules = z.infer<typeof CampaignRules>;

export const NotificationSettings = z.object({
  webhook: z
    .object({
      url: plainText({ max: 2000 }).url(),
      /** One POST's budget; a hanging endpoint costs at most this, then the activity retries. */
      timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
      headers: z.record(plainText({ max: 200 }), plainText({ max: 4000 })).default({}),
    })
    .optional(),
  smtp: z
    .object({
      host: plainText({ max: 253 }),
      port: z.number().int().min(1).max(65535).default(25),
      from: z.string().email(),
      to: z.array(z.string().email()).min(1),
      timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
    })
    .optional(),
  /** Alerts below this level are kept in the read model but not sent. */
  minLevel: z.enum(['info', 'warning', 'critical']).default('warning'),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const CampaignConfig = z
  .object({
    id: CampaignId,
    name: nameText({ max: 200 }),
    calendar: CampaignCalendar.default(SEED_CALENDAR),
    cities: z
      .array(CityCode)
      .min(1)
      .default(JILIN_CITIES.map((c) => c.code)),
    dataSources: DataSources,
    rules: CampaignRules.default(CampaignRules.parse({})),
    notifications: NotificationSettings.default(NotificationSettings.parse({})),
    clock: CampaignClock.default({ kind: 'calendar' }),
  })
  .refine((c) => new Set(c.cities).size === c.cities.length, { path: ['cities'], error: onField('中有重复的市（州）') })
  .refine((c) => c.rules.escalateAfterDays > c.rules.reminderAfterDays, {
    path: ['rules', 'escalateAfterDays'],
    error: onField('应大于「未处理提醒（天）」：先提醒经办人，再上报督导'),
  });
export type CampaignConfig = z.infer<typeof CampaignConfig>;

/** Why a file path is refused where the caller does not own the machine (the HTTP API). */
export const FILE_PATHS_REFUSED =
  '接口不接受服务器上的文件路径：请先上传数据文件（POST /imports），以完成的批次建立快照（POST /snapshots），再以 snapshotId 发起；或使用已配置的数据接口（providers）';

/**
 * A launch as the HTTP API accepts it: data from a snapshot (of uploaded imports) or providers,
 * never a path on the server, whose very refusal would tell a caller whether the path exists. The
 * launch itself parses the result as a CampaignConfig, so the whole configuration's rules still apply.
 */
export const CampaignLaunchRequest = z.object({
  ...CampaignConfig.shape,
  dataSources: z
    .object({
      snapshotId: z.number().int().positive().optional(),
      providers: z.partialRecord(SourceName, plainText({ max: 2000 }).url()).default({}),
      files: z.never({ error: FILE_PATHS_REFUSED }).optional().describe('not accepted: upload the files instead'),
    })
    .refine((d) => d.snapshotId !== undefined || d.providers.registrations, {
      path: ['snapshotId'],
      error: '请选择「数据快照编号」（或配置注册信息的「数据接口」）',
    }),
});
export type CampaignConfigInput = z.input<typeof CampaignConfig>;

/** The campaign's screening settings (domain/flags ScreeningSettings) from its rules. */
export function screeningSettingsOf(config: CampaignConfig): ScreeningSettings {
  const { windowMonths, ageLimit, asOf, riskWeights } = config.rules;
  return { windowMonths, ageLimit, riskWeights, ...(asOf ? { asOf } : {}) };
}

/** The calendar's dates, with what a launch after each one means. */
const DATED: readonly { path: readonly [keyof CampaignCalendar, string]; after: string }[] = [
  { path: ['selfCheck', 'start'], after: '' },
  { path: ['selfCheck', 'deadline'], after: '：发起后各市（州）的自查自纠汇总表即为逾期' },
  { path: ['progressNotice', 'date'], after: '：发起后即生成进展通报' },
  { path: ['investigation', 'start'], after: '' },
  { path: ['investigation', 'deadline'], after: '：发起后各市（州）的排查工作报告即为逾期' },
  { path: ['provincialVerification', 'start'], after: '' },
  { path: ['provincialVerification', 'deadline'], after: '：发起后全省工作报告即为逾期' },
];

/**
 * What a coordinator should confirm before launching: each date of the calendar that is already
 * past on the campaign's clock (the real calendar, or a compressed one's day), e.g.
 * 「自查自纠截止日期」（2024-10-31）已过. A date that is today is not past. Warnings, not refusals:
 * a campaign may be launched late, and the demo's and the tests' calendars lie in the past.
 */
export function pastDateWarnings(c: Clocked, nowWallMs: number): FieldIssue[] {
  const today = calendarDateAt(c, nowWallMs);
  return DATED.flatMap(({ path, after }) => {
    const date = (c.calendar[path[0]] as Record<string, string>)[path[1]];
    return date < today
      ? [{ path: ['calendar', ...path].join('.'), message: `「${fieldLabel(path)}」（${date}）已过（行动日历的今天为 ${today}）${after}` }]
      : [];
  });
}
