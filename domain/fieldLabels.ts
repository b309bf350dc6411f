/**
 * The Chinese label of every field a request can carry: what an official reads beside the field, and
 * what a field error names (「统一社会信用代码」格式不正确). Keys are field paths without array
 * positions (`items.decision.outcome`); a field is labelled by the longest key that ends its path, so
 * `items.decision` (a bulk decision) and `decision` (a review's approve/return) can differ.
 *
 * test/unit/api/fieldLabels.test.ts fails when a field of a route's request has no label here.
 */

export const FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  // ---- a campaign (POST /campaigns) ----
  id: '行动编号',
  name: '行动名称',
  cities: '参与市（州）',
  calendar: '工作日程',
  selfCheck: '自查自纠阶段',
  'selfCheck.start': '自查自纠开始日期',
  'selfCheck.deadline': '自查自纠截止日期',
  progressNotice: '进展通报',
  'progressNotice.date': '进展通报日期',
  investigation: '市（州）排查阶段',
  'investigation.start': '市（州）排查开始日期',
  'investigation.deadline': '市（州）排查截止日期',
  provincialVerification: '省厅核查阶段',
  'provincialVerification.start': '省厅核查开始日期',
  'provincialVerification.deadline': '省厅核查截止日期',
  dataSources: '数据来源',
  'dataSources.snapshotId': '数据快照编号',
  'dataSources.files': '数据文件',
  'dataSources.providers': '数据接口',
  rules: '规则设置',
  'rules.windowMonths': '比对窗口（月）',
  'rules.ageLimit': '年龄上限（周岁）',
  'rules.asOf': '比对基准月',
  'rules.riskWeights': '风险权重',
  'rules.reminderAfterDays': '未处理提醒（天）',
  'rules.escalateAfterDays': '上报督导（天）',
  'rules.overdueRepeatHours': '逾期重复提醒间隔（小时）',
  'rules.dueSoonDays': '临期提醒（截止前天数）',
  'rules.deregistrationSlaWorkingDays': '注销办理时限（工作日）',
  'rules.lagThreshold': '进展不力判定比例',
  'rules.pronouncedHanging': '挂证突出单位标准',
  'pronouncedHanging.minViolations': '挂证突出单位最少挂证人数',
  'pronouncedHanging.minShare': '挂证突出单位最低挂证比例',
  'pronouncedHanging.minHoursBetweenChecks': '挂证突出单位检查最短间隔（小时）',
  'rules.shardSize': '每批案件数',
  'rules.provincialPenaltyKinds': '由省级实施的处罚种类',
  notifications: '通知设置',
  'notifications.minLevel': '最低通知级别',
  webhook: '网络回调',
  'webhook.url': '回调地址',
  'webhook.timeoutMs': '回调超时（毫秒）',
  'webhook.headers': '回调请求头',
  smtp: '邮件通知',
  'smtp.host': '邮件服务器',
  'smtp.port': '邮件服务器端口',
  'smtp.from': '发件地址',
  'smtp.to': '收件地址',
  'smtp.timeoutMs': '邮件发送超时（毫秒）',
  clock: '行动时钟',
  'clock.kind': '时钟类型',
  'clock.start': '时钟起点',
  'clock.minutesPerDay': '每天对应分钟数',

  // ---- deadlines ----
  phase: '阶段',
  newDate: '新截止日期',
  reason: '理由',

  // ---- a decision on a case (核查结论) ----
  outcome: '核查结论',
  ground: '合规情形',
  justification: '核查说明',
  rectifiedOn: '整改完成日期',
  how: '整改方式',
  deregisteredOn: '注销日期',
  actualEmployer: '实际工作单位',
  'actualEmployer.name': '实际工作单位名称',
  'actualEmployer.code': '实际工作单位统一社会信用代码',
  evidence: '认定依据',
  receivingAuthority: '接收部门',
  transferTo: '移交去向',
  'transferTo.kind': '移交类型',
  'transferTo.cityCode': '接收市（州）',
  'transferTo.authorityCode': '接收部门代码',
  // ---- a referral to an outside authority (移送) ----
  servedOn: '送达日期',
  answeredOn: '回复日期',
  answer: '回复内容',
  note: '备注',
  items: '案件清单',
  'items.caseId': '案件编号',
  'items.decision': '核查结论',
  kinds: '处罚种类',

  // ---- intake: self-check declarations, deregistration requests, complaints ----
  idNumber: '身份证号',
  unitName: '单位名称',
  unitCode: '统一社会信用代码',
  correction: '自纠方式',
  correctedOn: '自纠日期',
  certNumber: '注册证书编号',
  receivedAt: '收到时间',
  channel: '举报渠道',
  subjectIdNumber: '被举报人身份证号',
  subjectUnit: '被举报单位',
  content: '举报内容',

  // ---- submissions and their review ----
  summary: '报送说明',
  carriedOver: '结转案件',
  'carriedOver.caseId': '结转案件编号',
  'carriedOver.reason': '结转理由',
  decision: '审核结果',
  comments: '审核意见',
  reopenCaseIds: '需重新办理的案件',

  // ---- 人社's findings on a case (issue 21) ----
  labourRelation: '劳动关系',
  labourUnitName: '劳动关系单位',
  examUnit: '报考单位',
  examUnitName: '报考单位名称',

  // ---- imports and snapshots ----
  source: '数据类别',
  fileName: '文件名',
  file: '文件',
  label: '快照名称',
  batchIds: '导入批次',

  // ---- look-ups, alerts, log-in, codec ----
  onDate: '查询日期',
  alertKeys: '预警编号',
  username: '用户名',
  password: '密码',
  refreshToken: '刷新令牌',
  payloads: '载荷',
  'payloads.data': '载荷数据',
  'payloads.metadata': '载荷元数据',

  // ---- legal bases, the working-day calendar, documents (issue 19) ----
  asOf: '适用日期',
  certCategory: '注册类别',
  violation: '违法行为',
  citations: '法律依据',
  'citations.instrument': '法律法规名称',
  'citations.article': '条款',
  'citations.quote': '条文摘录',
  'citations.sourceUrl': '来源网址',
  'citations.verified': '是否已核实',
  'citations.note': '核实说明',
  measures: '处理措施',
  'measures.kind': '措施种类',
  'measures.authority': '实施机关',
  'measures.maxYuanWithoutGains': '无违法所得时罚款上限（元）',
  'measures.gainsMultiple': '违法所得倍数上限',
  'measures.maxYuanWithGains': '有违法所得时罚款上限（元）',
  'measures.reapplyBarYears': '不得再次申请注册年限',
  hearing: '听证权利',
  'hearing.applies': '是否告知听证权利',
  'hearing.note': '听证说明',
  effectiveFrom: '生效日期',
  year: '年度',
  days: '节假日和调休日',
  'days.date': '日期',
  'days.working': '是否上班',
  'days.name': '节日名称',
  abbreviation: '文号机关代字',
  code: '机关代码',

  // ---- assignment of cases to officers (issue 20) ----
  assignee: '承办人',
  cases: '分配范围',
  'cases.caseIds': '所选案件',
  'cases.status': '案件状态',
  'cases.unassignedOnly': '仅限未分配案件',
  'cases.flag': '疑点类型',
  'cases.certCategory': '注册类别',
  'cases.district': '区县',
  rule: '分配规则',
  'rule.kind': '分配方式',
  'rule.officer': '承办人',
  'rule.officers': '承办人',
  'rule.groups': '分组',
  'rule.groups.match': '分组条件',
  'rule.groups.officers': '本组承办人',

  // ---- path parameters ----
  campaignId: '行动编号',
  cityCode: '市（州）代码',
  caseId: '案件编号',
  kind: '报送类型',
  version: '版本号',
  requestId: '申请编号',
  batchId: '批次编号',
  importId: '导入编号',
  reportId: '报表编号',
  snapshotId: '数据快照编号',
  taskId: '任务编号',
  attachmentId: '附件编号',

  // ---- a supervision task or an on-site check (issue 20) ----
  owner: '承办人',
  dueDate: '办理期限',
  findings: '核查发现',

  // ---- query strings ----
  page: '页码',
  pageSize: '每页条数',
  acknowledged: '是否已确认',
  caseNo: '案件编号',
  figure: '汇总表指标',
  filter: '筛选条件',
  format: '导出格式',
  origin: '案件来源',
  action: '操作',
  from: '起始时间',
  to: '截止时间',
  dueBefore: '办理期限早于',
  flag: '疑点类型',
  level: '级别',
  overdue: '是否逾期',
  ready: '是否可办理',
  result: '结果',
  riskMin: '最低风险分',
  riskMax: '最高风险分',
  sort: '排序',
  state: '状态',
  status: '状态',
  unit: '单位',
  userId: '用户',

  // ---- intermediaries (docs/intermediaries.md); name, kind, reason, deadline and result carry their own titles ----
  uscc: '统一社会信用代码',
  address: '住所（经营场所）',
  licenceNumber: '人力资源服务许可证编号',
  issuedOn: '下达日期',
  requirements: '整改要求',
  foundOn: '核查日期',
  finding: '跟进核查情况',
  resultOn: '整改结果认定日期',
  escalatedOn: '移送处罚日期',
  basisId: '处罚依据',
  intermediaryId: '中介机构编号',
  orderId: '整改令编号',

  // ---- headers ----
  'idempotency-key': '幂等键（Idempotency-Key 请求头）',
  'last-event-id': '最后事件编号（Last-Event-ID 请求头）',
});

type Segment = PropertyKey;

/** The field names of a path, array positions left out. */
const namesOf = (path: readonly Segment[]): string[] => path.filter((p): p is string => typeof p === 'string');

/** The label of the field at `path`, by the longest labelled key that ends it; undefined when none does. */
export function fieldLabel(path: readonly Segment[]): string | undefined {
  const names = namesOf(path);
  for (let i = 0; i < names.length; i++) {
    const label = FIELD_LABELS[names.slice(i).join('.')];
    if (label) return label;
  }
  return undefined;
}

/**
 * How a message names the field at `path`: 「核查结论」, 第4项的「核查结论」 inside a list,
 * 「参与市（州）」第3项 for a list's element, 「风险权重」（OVER_AGE） for a key of a map; `''` for
 * the whole input. `ownLabel` (a schema's own title) outranks the table. A field without a label is
 * 「该项」 (the unit test keeps that from happening).
 */
export function fieldSubject(path: readonly Segment[], ownLabel?: string): string {
  if (path.length === 0) return '';
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const owner = fieldSubject(path.slice(0, -1));
    return `${owner || '「列表」'}第${last + 1}项`;
  }
  const label = ownLabel ?? fieldLabel(path);
  const position = [...path].reverse().find((p): p is number => typeof p === 'number');
  const where = position === undefined ? '' : `第${position + 1}项的`;
  if (label) return `${where}「${label}」`;
  // A key of a map (a risk weight's flag code, a header's name): the map's label and the key.
  for (let end = path.length - 1; end > 0; end--) {
    const owner = fieldLabel(path.slice(0, end));
    if (owner) return `${where}「${owner}」（${namesOf(path.slice(end)).join('.')}）`;
  }
  return `${where}「该项」`;
}
