/** Requests for the penalty procedure's routes, valid as far as the API checks them (the walk fakes the commands). */

/** A valid body for each procedure command (the commands are faked: only the request is checked). */
export const PROCEDURE_BODIES: Record<string, unknown> = {
  proposal: { measures: [{ kind: 'WARNING' }], facts: '注册单位与社保缴纳单位不一致', evidence: '社保缴费记录' },
  'proposal/approval': { approved: true },
  services: { document: 'notice', method: 'direct', servedOn: '2026-03-02', receiver: '当事人本人' },
  statements: { receivedOn: '2026-03-03', statement: '当事人称已办理变更' },
  'hearing-request': { requestedOn: '2026-03-03' },
  waiver: { waivedOn: '2026-03-03' },
  hearing: { hearingDate: '2026-03-20', hearingTime: '09:30', place: '长春市住建局第一会议室', presidingOfficer: '法制科科长' },
  'hearing/record': { heldOn: '2026-03-20', record: '听证笔录', participants: '当事人及其代理人' },
  review: { adopted: false, reasons: '陈述理由不成立' },
  'decision/approval': { approved: true },
  'decision/revision': { reasons: '按负责人意见修改', measures: [{ kind: 'WARNING' }] },
  'ministry-answer': { revoked: true, answeredOn: '2026-04-01', ministryDocumentNumber: '建市罚〔2026〕1号' },
  redress: { kind: 'administrative_review', filedOn: '2026-04-10' },
  'redress/result': { result: 'upheld', decidedOn: '2026-05-10' },
  'time-limit': { timeLimitOn: '2026-06-30', reason: '案情复杂需延长' },
  'basis-recheck': {},
};
export const PROCEDURE_COMMAND = /^POST \/cases\/\{caseId\}\/procedures\/\{level\}\/(.+)$/;
