/**
 * 人社's finding on a case (issue 21). The seed gives the city's 人社局 these checks: 核实注册人员的社保和劳动关系;
 * 核实执业资格证报考单位. Each is compared with the person's registered unit (注册单位).
 */
import { z } from 'zod';

/** Where the person's labour relationship (劳动关系) is recorded. */
export const LabourRelation = z.enum(['registered_unit', 'other_unit', 'none', 'unverifiable']);
export type LabourRelation = z.infer<typeof LabourRelation>;
export const LABOUR_RELATION_LABELS: Record<LabourRelation, string> = {
  registered_unit: '劳动关系在注册单位',
  other_unit: '劳动关系在其他单位',
  none: '无劳动关系备案',
  unverifiable: '无法核实',
};

/** The unit the person applied for the qualification exam through (执业资格证报考单位). */
export const ExamUnit = z.enum(['registered_unit', 'other_unit', 'unverifiable']);
export type ExamUnit = z.infer<typeof ExamUnit>;
export const EXAM_UNIT_LABELS: Record<ExamUnit, string> = {
  registered_unit: '报考单位即注册单位',
  other_unit: '报考单位为其他单位',
  unverifiable: '无法核实',
};
