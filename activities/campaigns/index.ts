import type { Pool } from 'pg';
import type { OfficerTextField } from '../../domain/officerText';
import { textOf } from '../officerText/officerTexts';
import { compileProvinceReport, type CompileProvinceReportInput } from './compileProvinceReport';
import { findComplaintCase, listOpenComplaintCases, type FindComplaintCaseInput } from './findComplaintCase';
import { produceProgressNotice, type ProduceProgressNoticeInput } from './produceProgressNotice';
import { recordCampaignStart, type RecordCampaignStartInput } from './recordCampaignStart';
import { recordDeadlineExtension, type RecordDeadlineExtensionInput } from './recordDeadline';
import { screenCity, type ScreenCityInput } from './screenCity';
import { attachSelfCheckRecords, rescreenCity, type AttachSelfCheckInput, type RescreenCityInput } from './rescreenCity';
import * as intake from './selfCheckIntake';
import { setCampaignPhase, setCityPhase, type SetCampaignPhaseInput, type SetCityPhaseInput } from './setPhase';

/** Campaign and city activities bound to the pool (registered by activities/index.ts). */
export function createCampaignActivities(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    recordCampaignStart: (i: RecordCampaignStartInput) => recordCampaignStart(pool, i),
    setCampaignPhase: (i: SetCampaignPhaseInput) => setCampaignPhase(pool, i),
    setCityPhase: (i: SetCityPhaseInput) => setCityPhase(pool, i),
    // The reason arrives as an officer_text id (older histories: the text) and is read back here.
    recordDeadlineExtension: async (i: Omit<RecordDeadlineExtensionInput, 'reason'> & { reason: OfficerTextField }) =>
      recordDeadlineExtension(pool, { ...i, reason: await textOf(pool, i.reason) }),
    screenCity: (i: ScreenCityInput) => screenCity(pool, i),
    // Issue 21: re-screening on fresh data, the self-check record on the cases.
    rescreenCity: (i: RescreenCityInput) => rescreenCity(pool, i),
    attachSelfCheckRecords: (i: AttachSelfCheckInput) => attachSelfCheckRecords(pool, i),
    produceProgressNotice: (i: ProduceProgressNoticeInput) => produceProgressNotice(pool, i),
    compileProvinceReport: (i: CompileProvinceReportInput) => compileProvinceReport(pool, i),
    acceptSelfCheckDeclaration: (i: intake.AcceptDeclarationInput) => intake.acceptSelfCheckDeclaration(pool, i),
    acceptDeregistrationRequest: (i: intake.AcceptDeregistrationInput) => intake.acceptDeregistrationRequest(pool, i),
    processDeregistration: (i: intake.ProcessDeregistrationInput) => intake.processDeregistration(pool, i),
    findComplaintCase: (i: FindComplaintCaseInput) => findComplaintCase(pool, i),
    listOpenComplaintCases: (i: Omit<FindComplaintCaseInput, 'complaintId'>) => listOpenComplaintCases(pool, i),
    alertOverdueDeregistrations: (i: intake.AlertOverdueDeregistrationsInput) => intake.alertOverdueDeregistrations(pool, i),
  };
}
