/**
 * A penalty procedure's measure versions as the console reads them (procedure_measure, migration 060):
 * the row, its answer's shape, and its status in words.
 */
import { z } from 'zod';
import { COMPETENT_AUTHORITY_LABELS, CompetentAuthority, MEASURE_LABELS, type MeasureKind as Kind } from '../domain/legalBasis';
import { MEASURE_STATUS_LABELS, MeasureStatus, REDRESS_KIND_LABELS, type RedressKind } from '../domain/penaltyProcedure';
import { DateText } from './sqlTypes';

/** Every kind a basis names: 住建's, and the 人社 kinds of an intermediary's procedure (migration 079). */
const MeasureKind = z.enum(Object.keys(MEASURE_LABELS) as [Kind, ...Kind[]]);

export const Measure = z.object({
  kind: MeasureKind,
  label: z.string(),
  version: z.number().int(),
  authority: CompetentAuthority,
  authorityLabel: z.string(),
  amountYuan: z.number().int().nullable(),
  illegalGainsYuan: z.number().int().nullable(),
  reapplyBarYears: z.number().int().nullable(),
  status: MeasureStatus,
  statusLabel: z.string(),
  statusOn: DateText,
});

export const MeasureRow = z.object({
  kind: MeasureKind,
  version: z.number().int(),
  authority: CompetentAuthority,
  amount_yuan: z.number().int().nullable(),
  illegal_gains_yuan: z.number().int().nullable(),
  reapply_bar_years: z.number().int().nullable(),
  status: MeasureStatus,
  status_on: DateText,
  recorded_at: z.date(),
});
/**
 * A measure version in words. A redress decided 变更 is the procedure's last revision of its measures
 * (it closes the procedure): the versions it wrote are the newest recorded, and a measure it dropped
 * is no longer carried out because of that redress, not because of the review (复核).
 */
export const measureOf = (m: z.infer<typeof MeasureRow>, redressDrop?: { kind: RedressKind; recordedAt: number }): z.infer<typeof Measure> => ({
  kind: m.kind,
  label: MEASURE_LABELS[m.kind],
  version: m.version,
  authority: m.authority,
  authorityLabel: COMPETENT_AUTHORITY_LABELS[m.authority],
  amountYuan: m.amount_yuan,
  illegalGainsYuan: m.illegal_gains_yuan,
  reapplyBarYears: m.reapply_bar_years,
  status: m.status,
  statusLabel:
    m.status === 'dropped' && redressDrop && m.recorded_at.getTime() >= redressDrop.recordedAt
      ? `${REDRESS_KIND_LABELS[redressDrop.kind]}变更后不再执行`
      : MEASURE_STATUS_LABELS[m.status],
  statusOn: m.status_on,
});
