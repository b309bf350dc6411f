/**
 * Intermediaries' writes (docs/intermediaries.md): the registry (by an officer, or from the cases'
 * evidence: an HR agency that paid the person's contributions), links to cases (evidence, or named by
 * an officer with the reason), rectification orders (责令限期整改) with their watch workflow
 * (reminder, overdue alert), findings, the result and the escalation to an administrative penalty
 * when 情节严重 on a basis of intermediary_basis_version. Each write checks the row is of the path's
 * campaign and city (a city officer never reaches another city's intermediary through an id).
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CampaignConfig } from '../domain/campaignConfig';
import { DomainError } from '../domain/errors';
import { orderAccepts, orderWatchId, OrderStatus, type IntermediaryInput, type OrderInput, type OrderResult } from '../domain/intermediary';
import { inTransaction } from '../platform/transactions';
import { evidenceAgencies } from '../readModel/intermediaries';
import type { IntermediaryOrderInput } from '../workflows/messages/intermediaryOrder';
import { startIntermediaryProcedure } from './intermediaryProcedure';
import { orderNotice } from './intermediaryOrderNotice';
import type { CityRef, WatchDeps } from './intermediaryRefs';
import { orderClosedSignal } from '../workflows/messages/intermediaryOrder';

const notFound = (what: string): DomainError => new DomainError('NotFound', `${what} not found in this city's registry`);

const isUniqueViolation = (err: unknown, index: string): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505' && (err as { constraint?: string }).constraint === index;

/** An officer registers an intermediary; refused when the city's registry has its credit code (or, without one, its name). */
export async function createIntermediary(pool: Pool, at: CityRef, input: IntermediaryInput, by: string): Promise<number> {
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO intermediary (campaign_id, city_code, name, uscc, kind, address, licence_number, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'officer', $8) RETURNING id`,
      [at.campaignId, at.cityCode, input.name, input.uscc ?? null, input.kind, input.address ?? null, input.licenceNumber ?? null, by],
    );
    return Number(rows[0].id);
  } catch (err) {
    if (isUniqueViolation(err, 'intermediary_uscc'))
      throw new DomainError('IntermediaryExists', 'an intermediary with this credit code is in the registry', [
        { path: 'uscc', message: '「统一社会信用代码」已在本市（州）中介机构名录中' },
      ]);
    if (isUniqueViolation(err, 'intermediary_name'))
      throw new DomainError('IntermediaryExists', 'an intermediary with this name is in the registry', [
        { path: 'name', message: '「机构名称」已在本市（州）中介机构名录中' },
      ]);
    throw err;
  }
}

async function lockCity(db: PoolClient, at: CityRef): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('intermediary/' || $1 || '/' || $2))`, [at.campaignId, at.cityCode]);
}

export interface EvidenceScan {
  casesWithAgency: number;
  intermediariesCreated: number;
  linksCreated: number;
}

/**
 * Records every HR agency the city's cases' evidence shows paying the contributions in the registry
 * and links it to those cases (readModel/intermediaries.ts evidenceAgencies; the SQL function
 * intermediary_record_evidence, which the case opening calls too). Idempotent: a second scan adds
 * only what is new.
 */
export async function scanEvidence(pool: Pool, at: CityRef, by: string): Promise<EvidenceScan> {
  return inTransaction(pool, async (db) => {
    await lockCity(db, at);
    const found = await evidenceAgencies(db, at.campaignId, at.cityCode);
    const out: EvidenceScan = { casesWithAgency: found.length, intermediariesCreated: 0, linksCreated: 0 };
    for (const { caseId, agency } of found) {
      const { rows } = await db.query<{ created: boolean; linked: boolean }>('SELECT * FROM intermediary_record_evidence($1, $2, $3, $4, $5, $6)', [
        at.campaignId,
        at.cityCode,
        caseId,
        agency.name,
        agency.code,
        by,
      ]);
      if (rows[0]?.created) out.intermediariesCreated += 1;
      if (rows[0]?.linked) out.linksCreated += 1;
    }
    return out;
  });
}

async function checkIntermediary(db: Pool | PoolClient, at: CityRef, id: number): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM intermediary WHERE id = $1 AND campaign_id = $2 AND city_code = $3', [id, at.campaignId, at.cityCode]);
  if (!rowCount) throw notFound(`intermediary ${id}`);
}

/** An officer names the intermediary as having arranged the case's hanging (with the reason). Answers whether a link was added. */
export async function nameOnCase(pool: Pool, at: CityRef, id: number, caseId: string, reason: string, by: string): Promise<boolean> {
  await checkIntermediary(pool, at, id);
  const c = await pool.query('SELECT 1 FROM case_file WHERE case_id = $1 AND campaign_id = $2 AND city_code = $3', [caseId, at.campaignId, at.cityCode]);
  if (!c.rowCount)
    throw new DomainError('CaseNotFound', `case ${caseId} is not a case of this city in the campaign`, [
      { path: 'caseId', message: '「案件编号」不是本市（州）本次行动的案件' },
    ]);
  const r = await pool.query(
    `INSERT INTO intermediary_case (intermediary_id, case_id, basis, reason, linked_by) VALUES ($1, $2, 'named_by_officer', $3, $4) ON CONFLICT DO NOTHING`,
    [id, caseId, reason, by],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Issues a rectification order (one open order per intermediary), starts its watch and makes its notice. Answers the order's id. */
export async function issueOrder(
  pool: Pool,
  deps: WatchDeps,
  at: CityRef,
  id: number,
  input: OrderInput,
  by: string,
  requestKey: string | null,
): Promise<number> {
  await checkIntermediary(pool, at, id);
  // A retry of a request whose order was recorded (its watch may not have started): the same order, its watch (re)started.
  if (requestKey !== null) {
    const prior = await pool.query<{ id: string; deadline: string }>(
      `SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM intermediary_order WHERE request_key = $1 AND intermediary_id = $2`,
      [requestKey, id],
    );
    if (prior.rows[0]) {
      await startWatch(pool, deps, at, Number(prior.rows[0].id), prior.rows[0].deadline);
      await orderNotice(pool, at, id, Number(prior.rows[0].id));
      return Number(prior.rows[0].id);
    }
  }
  let orderId: number;
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO intermediary_order (intermediary_id, issued_on, deadline, requirements, issued_by, request_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [id, input.issuedOn, input.deadline, input.requirements, by, requestKey],
    );
    orderId = Number(rows[0].id);
  } catch (err) {
    if (isUniqueViolation(err, 'intermediary_order_one_open'))
      throw new DomainError('IntermediaryOrderClosed', `intermediary ${id} has an open order already`, [
        { path: 'deadline', message: '该中介机构已有尚未办结的责令限期整改，请先记录其整改结果' },
      ]);
    throw err;
  }
  await startWatch(pool, deps, at, orderId, input.deadline);
  // Its 责令限期整改通知书, numbered by the city's 人社局 (a retry above makes it if this failed; the download too).
  await orderNotice(pool, at, id, orderId);
  return orderId;
}

/** Starts an order's watch (idempotent: a watch already running is left alone). */
export async function startWatch(pool: Pool, deps: WatchDeps, at: CityRef, orderId: number, deadline: string): Promise<void> {
  const cfg = await pool.query<{ config: unknown }>('SELECT config FROM campaign WHERE id = $1', [at.campaignId]);
  const config = CampaignConfig.parse(cfg.rows[0]?.config);
  const setting = await pool.query<{ days: number }>('SELECT reminder_days_before_deadline AS days FROM intermediary_setting');
  const input: IntermediaryOrderInput = {
    orderId,
    campaignId: at.campaignId,
    cityCode: at.cityCode,
    deadline,
    reminderDaysBefore: setting.rows[0]?.days ?? 3,
    clock: config.clock,
    calendar: config.calendar,
  };
  try {
    await deps.client.workflow.start('intermediaryOrderWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: orderWatchId(at.campaignId, orderId),
      args: [input],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

const OrderRow = z.object({ status: OrderStatus });

/** The order of this intermediary of the city, locked for the change. */
async function lockOrder(db: PoolClient, at: CityRef, id: number, orderId: number): Promise<OrderStatus> {
  await checkIntermediary(db, at, id);
  const { rows } = await db.query('SELECT status FROM intermediary_order WHERE id = $1 AND intermediary_id = $2 FOR UPDATE', [orderId, id]);
  if (!rows[0]) throw notFound(`order ${orderId}`);
  return OrderRow.parse(rows[0]).status;
}

function refuseClosed(status: OrderStatus, orderId: number): never {
  throw new DomainError('IntermediaryOrderClosed', `order ${orderId} is ${status}`);
}

async function closeWatch(deps: WatchDeps, at: CityRef, orderId: number): Promise<void> {
  try {
    await deps.client.workflow.getHandle(orderWatchId(at.campaignId, orderId)).signal(orderClosedSignal);
  } catch (err) {
    // A watch that has ended (or never started) has nothing to resolve.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** A follow-up finding (the officer's check of the rectification), while the order is open. */
export async function addFinding(
  pool: Pool,
  at: CityRef,
  id: number,
  orderId: number,
  input: { foundOn: string; finding: string },
  by: string,
): Promise<number> {
  return inTransaction(pool, async (db) => {
    const status = await lockOrder(db, at, id, orderId);
    if (!orderAccepts(status, 'finding')) refuseClosed(status, orderId);
    const { rows } = await db.query<{ id: string }>(
      'INSERT INTO intermediary_order_finding (order_id, found_on, finding, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [orderId, input.foundOn, input.finding, by],
    );
    return Number(rows[0].id);
  });
}

/** The order's result (rectified or not); its watch's alerts are resolved. */
export async function recordResult(
  pool: Pool,
  deps: WatchDeps,
  at: CityRef,
  id: number,
  orderId: number,
  input: { result: OrderResult; resultOn: string; note?: string | null },
  by: string,
): Promise<void> {
  await inTransaction(pool, async (db) => {
    const status = await lockOrder(db, at, id, orderId);
    if (!orderAccepts(status, 'result')) refuseClosed(status, orderId);
    await db.query('UPDATE intermediary_order SET status = $2, result_on = $3, result_note = $4, result_by = $5 WHERE id = $1', [
      orderId,
      input.result,
      input.resultOn,
      input.note ?? null,
      by,
    ]);
  });
  await closeWatch(deps, at, orderId);
}

/**
 * 情节严重: the order goes to the administrative penalty, on a basis in force (intermediary_basis_version),
 * and its due-process procedure starts (services/intermediaryProcedure.ts), the intermediary its party.
 * Allowed while the order is open or after it was found not rectified; a second escalation is refused and
 * starts nothing new.
 */
export async function escalate(
  pool: Pool,
  deps: WatchDeps,
  at: CityRef,
  id: number,
  orderId: number,
  input: { escalatedOn: string; reason: string; basisId: number },
  by: string,
): Promise<void> {
  const already = await inTransaction(pool, async (db) => {
    const status = await lockOrder(db, at, id, orderId);
    // Escalated already (a retry whose procedure may not have started): its procedure is started (idempotent), the request refused as before.
    if (status === 'escalated') return true;
    if (!orderAccepts(status, 'escalation')) refuseClosed(status, orderId);
    const basis = await db.query('SELECT 1 FROM intermediary_basis_version WHERE id = $1', [input.basisId]);
    if (!basis.rowCount) throw new DomainError('UpdateRefused', `no intermediary basis ${input.basisId}`, [{ path: 'basisId', message: '「处罚依据」不存在' }]);
    await db.query(
      `UPDATE intermediary_order SET status = 'escalated', escalated_on = $2, escalation_reason = $3, escalation_basis = $4, escalated_by = $5 WHERE id = $1`,
      [orderId, input.escalatedOn, input.reason, input.basisId, by],
    );
    return false;
  });
  await startIntermediaryProcedure(pool, deps, at, orderId);
  await closeWatch(deps, at, orderId);
  if (already) refuseClosed('escalated', orderId);
}
