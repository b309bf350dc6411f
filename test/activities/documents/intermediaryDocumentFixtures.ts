/** Realistic data for the documents whose party is an intermediary (a unit), and the headings each must print. */
import type { DocumentData } from '../../../domain/documents';
import type { IntermediaryDocumentKind } from '../../../domain/intermediaryDocuments';

export const UNIT = {
  authorityName: '长春市人力资源和社会保障局',
  partyName: '长春某人力资源服务有限公司',
  partyCreditCode: '91220101MA0000002X',
  partyLicenceNumber: '长人社服许〔2020〕第018号',
  partyAddress: '吉林省长春市南关区人民大街2000号',
};

export const UNIT_BASIS =
  '《人力资源市场暂行条例》（国务院令第700号）第四十三条（违反第二十七条）：“……由人力资源社会保障行政部门责令改正；有违法所得的，没收违法所得；拒不改正的，处1万元以上5万元以下的罚款；情节严重的，吊销人力资源服务许可证……”';

const evidence = [{ text: '案件2201-000042：代缴社会保险（证据）' }, { text: '询问笔录：该公司负责人承认为王建国等人代缴社会保险费并收取服务费。' }];
const measures = [{ text: '没收违法所得' }, { text: '罚款20000元' }, { text: '吊销人力资源服务许可证' }];
const facts = '你单位为注册人员代缴社会保险费并安排其“挂证”，经责令限期整改，逾期拒不改正。';

export const INTERMEDIARY_DOCUMENT_FIXTURES: { [K in IntermediaryDocumentKind]: DocumentData<K> } = {
  intermediary_penalty_notice: {
    ...UNIT,
    documentNumber: '长人社罚告〔2026〕第0001号',
    facts,
    evidence,
    basis: UNIT_BASIS,
    measures,
    statementDeadline: '2026-03-09',
    hearing: true,
    hearingDeadline: '2026-03-09',
    contact: '请与本机关案件承办机构联系',
    issueDate: '2026-03-02',
  },
  intermediary_hearing_notice: {
    ...UNIT,
    documentNumber: '长人社听通〔2026〕第0001号',
    caseSummary: '涉嫌人力资源服务机构介绍单位或者个人从事违法活动',
    hearingTime: '2026年3月20日上午9时',
    hearingPlace: '长春市人力资源和社会保障局听证室',
    presidingOfficer: '刘洋',
    contact: '请与本机关案件承办机构联系',
    issueDate: '2026-03-10',
  },
  intermediary_penalty_decision: {
    ...UNIT,
    documentNumber: '长人社罚决〔2026〕第0001号',
    facts,
    evidence,
    statementSummary: '当事人在规定期限内未提出陈述、申辩，未申请听证。',
    basis: UNIT_BASIS,
    measures,
    performance: '罚款自收到本决定书之日起十五日内缴纳（《中华人民共和国行政处罚法》第六十七条）；其他处理自本决定书送达之日起执行',
    reviewAuthority: '长春市人民政府',
    court: '有管辖权的人民法院',
    decisionDate: '2026-03-20',
  },
  intermediary_no_penalty_decision: {
    ...UNIT,
    documentNumber: '长人社不罚〔2026〕第0001号',
    facts,
    evidence,
    statementSummary: '你单位在规定期限内提出了陈述、申辩意见。经复核，予以采纳。',
    reasons: '经复核，你单位已在告知后改正，违法行为轻微。',
    basis: `《中华人民共和国行政处罚法》第五十七条；${UNIT_BASIS}`,
    reviewAuthority: '长春市人民政府',
    court: '有管辖权的人民法院',
    decisionDate: '2026-03-20',
  },
  intermediary_service_receipt: {
    ...UNIT,
    documentNumber: '长人社送〔2026〕第0001号',
    servedDocumentTitle: '行政处罚决定书',
    servedDocumentNumber: '长人社罚决〔2026〕第0001号',
    serviceAddress: UNIT.partyAddress,
    serviceMethod: '直接送达',
    issueDate: '2026-03-21',
  },
  intermediary_order_notice: {
    ...UNIT,
    documentNumber: '长人社责改〔2026〕第0001号',
    partyKind: '人力资源服务机构',
    facts: '经查，你单位为注册人员代缴社会保险费，致其社会保险缴费单位与注册执业单位不一致，涉及本机关“挂证”案件1件。',
    evidence,
    requirements: [{ text: '停止为非本单位人员代缴社会保险费；' }, { text: '书面报告已代缴人员名单及整改情况。' }],
    deadline: '2026-02-20',
    basis: `依据${UNIT_BASIS}`,
    contact: '请与本机关案件承办机构联系',
    issueDate: '2026-02-02',
  },
};

const RIGHTS = ['五、依法享有的权利', '陈述、申辩权', '第四十五条', '听证权', '第六十三条'];
const REMEDIES = ['六、申请行政复议或者提起行政诉讼的途径和期限', '60日内向长春市人民政府申请行政复议', '6个月内依法向有管辖权的人民法院提起行政诉讼'];

export const INTERMEDIARY_REQUIRED_HEADINGS: Record<IntermediaryDocumentKind, string[]> = {
  intermediary_penalty_notice: [
    '行政处罚事先告知书',
    '一、违法事实',
    '二、证据',
    '三、处罚理由和依据',
    '四、拟作出的行政处罚',
    ...RIGHTS,
    '2026年3月9日前',
    '（印章）',
  ],
  intermediary_hearing_notice: ['听证通知书', '一、听证时间', '二、听证地点', '三、听证主持人', '四、注意事项', '申请回避', '委托一至二人代理', '（印章）'],
  intermediary_penalty_decision: [
    '行政处罚决定书',
    '当事人',
    '统一社会信用代码',
    '地址',
    '法定代表人（主要负责人）',
    '一、违法事实和证据',
    '二、陈述、申辩及采纳情况',
    '三、处罚的种类和依据',
    '四、处罚决定',
    '五、履行方式和期限',
    ...REMEDIES,
    '本决定不停止执行',
    '作出决定的行政机关',
    '作出决定的日期：2026年3月20日',
    '（印章）',
  ],
  intermediary_no_penalty_decision: [
    '不予行政处罚决定书',
    '统一社会信用代码',
    '三、不予行政处罚的理由和依据',
    '决定对你单位不予行政处罚',
    '四、申请行政复议或者提起行政诉讼的途径和期限',
    '60日内向长春市人民政府申请行政复议',
    '作出决定的日期：2026年3月20日',
    '（印章）',
  ],
  intermediary_service_receipt: [
    '送达回证',
    '送达文书名称及文号',
    '受送达单位',
    '统一社会信用代码',
    '送达地点',
    '送达方式',
    '负责收件的人',
    '受送达单位盖章',
    '送达人签名',
    '（印章）',
  ],
  intermediary_order_notice: [
    '责令限期整改通知书',
    '一、违法事实',
    '二、证据',
    '三、责令整改的依据',
    '四、整改要求',
    '五、整改期限',
    '2026年2月20日前',
    '六、逾期不整改的后果',
    '依法给予行政处罚',
    '（印章）',
    '送达回证',
    '受送达单位盖章',
  ],
};
