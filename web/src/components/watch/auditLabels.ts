/**
 * The audit log's words: each API action (the routes' `config.action`, api/routes/*.ts) and each
 * result in the officials' words. The code itself stays beside it for the auditor (a tooltip).
 */
import { tr } from '../../labels';

const ACTIONS: Record<string, () => string> = {
  'auth.login': () => tr('登录', 'Log in'),
  'auth.logout': () => tr('退出登录', 'Log out'),
  'auth.refresh': () => tr('续期登录', 'Refresh session'),
  'auth.me': () => tr('查看本人信息', 'Read own account'),
  'campaign.launch': () => tr('发起专项行动', 'Launch a campaign'),
  'campaign.validate': () => tr('检查行动配置', 'Check a launch'),
  'campaign.list': () => tr('查看专项行动', 'List campaigns'),
  'campaign.read': () => tr('查看行动详情', 'Read a campaign'),
  'campaign.late_cities': () => tr('查看逾期市（州）', 'Read late cities'),
  'campaign.progress_notice': () => tr('查看进展通报', 'Read the progress notice'),
  'city.read': () => tr('查看市（州）进展', 'Read a city'),
  'deadline.extend': () => tr('延长截止日期', 'Extend a deadline'),
  'import.upload': () => tr('上传数据文件', 'Upload a file'),
  'import.list': () => tr('查看导入批次', 'List imports'),
  'import.read': () => tr('查看导入批次详情', 'Read an import'),
  'import.status': () => tr('查看导入进度', 'Read an import’s progress'),
  'import.issues': () => tr('下载导入问题清单', 'Download import issues'),
  'snapshot.create': () => tr('创建数据快照', 'Create a snapshot'),
  'snapshot.list': () => tr('查看数据快照', 'List snapshots'),
  'case.list': () => tr('查看核查清单', 'List cases'),
  'case.read': () => tr('查看案件', 'Read a case'),
  'case.decide': () => tr('作出核查结论', 'Decide a case'),
  'case.decide_bulk': () => tr('批量作出核查结论', 'Decide cases in bulk'),
  'case.preview': () => tr('预览核查结论', 'Preview a decision'),
  'case.assign': () => tr('分配承办人', 'Assign a case'),
  'case.assign_bulk': () => tr('按规则批量分配承办人', 'Assign cases by a rule'),
  'case.assign_preview': () => tr('预览案件分配', 'Preview an assignment'),
  'officer.list': () => tr('查看本市经办人', 'List the city’s officers'),
  'intermediary.list': () => tr('查看中介机构名录', 'List intermediaries'),
  'intermediary.create': () => tr('登记中介机构', 'Register an intermediary'),
  'intermediary.scan': () => tr('从证据识别中介机构', 'Identify intermediaries from evidence'),
  'intermediary.read': () => tr('查看中介机构', 'Read an intermediary'),
  'intermediary.name_on_case': () => tr('认定案件的中介机构', 'Name an intermediary on a case'),
  'intermediary.order': () => tr('下达责令限期整改', 'Issue a rectification order'),
  'intermediary.finding': () => tr('记录整改跟进情况', 'Record a finding'),
  'intermediary.result': () => tr('记录整改结果', 'Record an order’s result'),
  'intermediary.escalate': () => tr('移送行政处罚（中介机构）', 'Escalate an order'),
  'intermediary.case_links': () => tr('查看案件的中介机构', 'Read a case’s intermediaries'),
  'intermediary.bases': () => tr('查看中介机构处罚依据', 'Read intermediary bases'),
  'intermediary.order_notice': () => tr('下载责令限期整改通知书', 'Download a rectification notice'),
  'intermediary_procedure.documents': () => tr('查看中介机构处罚文书', 'List an order’s procedure documents'),
  'intermediary_procedure.document_download': () => tr('下载中介机构处罚文书', 'Download an order’s procedure document'),
  'case.carry_over': () => tr('结转案件', 'Carry a case over'),
  'case.provincial_penalty': () => tr('省级处罚', 'Provincial penalty'),
  'case.attachment_list': () => tr('查看案件证据材料', 'List a case’s evidence files'),
  'case.attachment_upload': () => tr('上传案件证据材料', 'Upload a case’s evidence file'),
  'case.attachment_download': () => tr('下载案件证据材料', 'Download a case’s evidence file'),
  'self_check.declare': () => tr('登记自查自纠申报', 'Record a declaration'),
  'self_check.list': () => tr('查看自查自纠申报', 'List declarations'),
  'deregistration.request': () => tr('登记注销申请', 'Record a deregistration request'),
  'deregistration.process': () => tr('办理注销申请', 'Process a deregistration request'),
  'deregistration.list': () => tr('查看注销申请', 'List deregistration requests'),
  'complaint.register': () => tr('登记投诉举报', 'Record a complaint'),
  'complaint.list': () => tr('查看投诉举报', 'List complaints'),
  'submission.submit': () => tr('报送', 'Submit a report'),
  'submission.review': () => tr('审核报送', 'Review a submission'),
  'submission.list': () => tr('查看报送', 'List submissions'),
  'alert.list': () => tr('查看预警', 'List alerts'),
  'alert.summary': () => tr('查看预警汇总', 'Read alert counts'),
  'alert.acknowledge': () => tr('确认预警', 'Acknowledge alerts'),
  'alert.stream': () => tr('接收实时预警', 'Follow live alerts'),
  'report.list': () => tr('查看报表', 'List reports'),
  'report.download': () => tr('下载报表', 'Download a report'),
  'ban.lookup': () => tr('禁入查询', 'Look up a ban'),
  'audit.list': () => tr('查看审计日志', 'Read the audit log'),
  'audit.export': () => tr('导出审计日志', 'Export the audit log'),
  'audit.facets': () => tr('查看审计筛选项', 'Read audit filters'),
  'codec.encode': () => tr('加密载荷', 'Encode payloads'),
  'codec.decode': () => tr('解密载荷', 'Decode payloads'),
  'health.read': () => tr('健康检查', 'Health check'),
};

export const AUDIT_ACTIONS: readonly string[] = Object.keys(ACTIONS);

export function auditActionLabel(action: string): string {
  return ACTIONS[action]?.() ?? tr(`其他操作（${action}）`, `Other action (${action})`);
}

/** ok, replayed (an idempotent request answered again), or the problem code of a refusal. */
export function auditResultLabel(result: string): string {
  if (result === 'ok') return tr('成功', 'Succeeded');
  if (result === 'replayed') return tr('重复请求（已按首次结果答复）', 'Replayed');
  return tr('被拒绝或失败', 'Refused or failed');
}
