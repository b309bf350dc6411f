/**
 * How the procedure's updates are handled: the arguments parsed, who may send them, at which step,
 * with which dates, checked in the validator (a refusal leaves no trace in the history) and again
 * when the handler holds the procedure's lock (a step taken meanwhile may have changed the answer).
 * Every refusal is typed by its code (domain/errors.ts) and says in Chinese what is wrong.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import type { Officer } from '../../domain/officer';
import { PROCEDURE_ACTION_LABELS, PROCEDURE_STEP_LABELS, type ProcedureAction } from '../../domain/penaltyProcedure';
import type { ProcedureState } from '../../domain/procedureState';
import { refuse } from '../refuse';
import type { ProcedureContext } from './context';

/** Registers an update: parsed, checked (validator and again under the lock), run, answered with the state after it. */
export function onCommand<S extends z.ZodType>(
  ctx: ProcedureContext,
  update: UpdateDefinition<ProcedureState, [z.input<S>]>,
  schema: S,
  check: (a: z.infer<S>) => void,
  run: (a: z.infer<S>, updateId: string) => Promise<void>,
): void {
  const parse = (raw: unknown): z.infer<S> => {
    const r = schema.safeParse(raw);
    if (!r.success) refuse(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return r.data;
  };
  setHandler(
    update,
    async (raw) => {
      const a = parse(raw);
      const updateId = currentUpdateInfo()!.id;
      await ctx.locked(async () => {
        check(a);
        // A step that fails part-way (an activity refused, a deadline in an unknown year) leaves the state as it was.
        const before = ctx.snapshot();
        try {
          await run(a, updateId);
        } catch (err) {
          Object.assign(ctx.state, before);
          throw err;
        }
      });
      return ctx.snapshot();
    },
    { validator: (raw) => check(parse(raw)) },
  );
}

/** A city procedure is the city's officers'; a province procedure the provincial coordinators'. */
export function requireActor(ctx: ProcedureContext, officer: Officer): void {
  if (ctx.input.party) {
    // An intermediary's procedure is the city's: those who act on intermediaries (domain/intermediary.ts INTERMEDIARY_HANDLERS).
    if (officer.role !== 'city_officer' && officer.role !== 'city_hr_officer')
      refuse(`只有市（州）经办人员可以办理中介机构的处罚程序 (a ${officer.role} cannot act on an intermediary's procedure)`, 'RoleCannotAct');
    if (officer.cityCode !== ctx.input.cityCode)
      refuse(`经办人员所属城市（${officer.cityCode ?? '无'}）不是本程序城市（${ctx.input.cityCode}）`, 'RoleCannotAct');
  } else if (ctx.input.level === 'city') {
    if (officer.role !== 'city_officer') refuse(`只有市（州）经办人员可以办理市级处罚程序 (a ${officer.role} cannot act on a city procedure)`, 'RoleCannotAct');
    if (officer.cityCode !== ctx.input.cityCode)
      refuse(`经办人员所属城市（${officer.cityCode ?? '无'}）不是本案城市（${ctx.input.cityCode}）`, 'RoleCannotAct');
  } else if (officer.role !== 'province_coordinator') {
    refuse(`只有省级经办人员可以办理省级处罚程序 (a ${officer.role} cannot act on a province procedure)`, 'RoleCannotAct');
  }
}

/** Approvals are the authority's responsible person's (Officer.responsible). */
export function requireResponsible(ctx: ProcedureContext, officer: Officer): void {
  requireActor(ctx, officer);
  if (officer.responsible !== true) refuse('审批须由本机关负责人作出 (only the responsible person approves)', 'ResponsiblePersonRequired');
}

/** The command fits only while one of these actions is due. */
export function requireAwaiting(ctx: ProcedureContext, ...actions: ProcedureAction[]): void {
  if (actions.some((a) => ctx.state.awaiting.includes(a))) return;
  const due = ctx.state.awaiting.map((a) => PROCEDURE_ACTION_LABELS[a]).join('、') || '无';
  refuse(
    `程序当前处于「${PROCEDURE_STEP_LABELS[ctx.state.step]}」，待办事项为「${due}」，不能办理「${actions.map((a) => PROCEDURE_ACTION_LABELS[a]).join('、')}」`,
    'ProcedureStepRefused',
  );
}

/** A date the officer gives: not after today, not before `earliest` (when given). */
export function requireDate(ctx: ProcedureContext, date: string, label: string, earliest?: { date: string | null; what: string }): void {
  if (date > ctx.today()) refuse(`「${label}」（${date}）不能晚于今天（${ctx.today()}）`);
  if (earliest?.date && date < earliest.date) refuse(`「${label}」（${date}）不能早于${earliest.what}（${earliest.date}）`);
}
