/**
 * The default templates whose party is an intermediary, a unit (domain/intermediaryDocuments.ts;
 * docs/documents.md): the penalty procedure's 告知书, 听证通知书, 决定书, 不予行政处罚决定书 and 送达回证 in a
 * unit's wording (你单位; 名称、统一社会信用代码、许可证编号、地址; signed for by the legal representative,
 * the principal or the person in charge of receiving documents), with every element the person's
 * carry (行政处罚法 arts. 44, 45, 59, 63, 64), and the rectification order's 责令限期整改通知书 with its
 * service section. Written by scripts/generateDocumentTemplates.ts; no person wording (身份证件号码).
 */
import type { Paragraph } from 'docx';
import { INTERMEDIARY_DOCUMENT_TITLES, type IntermediaryDocumentKind } from '../domain/intermediaryDocuments';
import {
  decisionSignature,
  factsAndEvidence,
  head as headOf,
  hearingArrangements,
  heading,
  list,
  para,
  plain,
  section,
  serverAndWitnessLines,
  signature,
  statementAndAdoption,
} from './documentTemplateParts';

const head = (kind: IntermediaryDocumentKind) => headOf(kind, INTERMEDIARY_DOCUMENT_TITLES[kind]);
/** The unit as the documents name it, after 「{partyName}：」 or as the decision's heading lines. */
const unitLine = plain('（统一社会信用代码：{partyCreditCode}；人力资源服务许可证编号：{partyLicenceNumber}；地址：{partyAddress}）');
const unitLines = [
  plain('当事人：{partyName}'),
  plain('统一社会信用代码：{partyCreditCode}'),
  plain('人力资源服务许可证编号：{partyLicenceNumber}'),
  plain('地址：{partyAddress}'),
  plain('法定代表人（主要负责人）：＿＿＿＿＿＿＿＿'),
];
const remedies = (suffix: string) =>
  para(
    `你单位如不服本决定，可以自知道本决定之日起{reviewDays}日内向{reviewAuthority}申请行政复议，也可以自知道本决定之日起{suitMonths}个月内依法向{court}提起行政诉讼。${suffix}`,
  );

function penaltyNotice(): Paragraph[] {
  return [
    ...head('intermediary_penalty_notice'),
    plain('{partyName}：'),
    unitLine,
    para(
      '经调查，本机关认为你单位存在下列违法行为，拟对你单位作出行政处罚。根据《中华人民共和国行政处罚法》第四十四条的规定，现将拟作出的行政处罚内容及事实、理由、依据和你单位依法享有的陈述、申辩、要求听证等权利告知如下：',
    ),
    heading('一、违法事实'),
    para('{facts}'),
    heading('二、证据'),
    ...list('evidence'),
    heading('三、处罚理由和依据'),
    para('依据{basis}'),
    heading('四、拟作出的行政处罚'),
    para('本机关拟对你单位作出如下行政处罚：'),
    ...list('measures'),
    heading('五、依法享有的权利'),
    para(
      '（一）陈述、申辩权：你单位有权进行陈述和申辩。请于{statementDeadline}前由法定代表人（主要负责人）或者委托代理人向本机关提出陈述、申辩意见，并提交相关证据材料；逾期未提出的，视为放弃陈述、申辩权利。本机关将充分听取你单位的意见，对提出的事实、理由和证据进行复核，提出的事实、理由或者证据成立的，予以采纳。本机关不因你单位陈述、申辩而给予更重的处罚（《中华人民共和国行政处罚法》第四十五条）。',
    ),
    ...section('hearing', [
      para(
        '（二）听证权：拟作出的行政处罚属于《中华人民共和国行政处罚法》第六十三条规定的情形（较大数额罚款、没收较大数额违法所得、吊销许可证件、责令关闭等）的，你单位有要求听证的权利。要求听证的，应当在本机关告知后五个工作日内，即{hearingDeadline}前，向本机关书面或者口头提出（第六十四条）；逾期未提出的，视为放弃听证权利。听证不收取费用。',
      ),
    ]),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
  ];
}

function penaltyDecision(): Paragraph[] {
  return [
    ...head('intermediary_penalty_decision'),
    ...unitLines,
    ...factsAndEvidence('一、违法事实和证据'),
    ...statementAndAdoption(),
    heading('三、处罚的种类和依据'),
    para('依据{basis}'),
    heading('四、处罚决定'),
    para('本机关决定对你单位给予如下行政处罚：'),
    ...list('measures'),
    heading('五、履行方式和期限'),
    para('{performance}'),
    heading('六、申请行政复议或者提起行政诉讼的途径和期限'),
    remedies('申请行政复议或者提起行政诉讼的，本决定不停止执行，法律另有规定的除外。'),
    ...decisionSignature(),
  ];
}

function noPenaltyDecision(): Paragraph[] {
  return [
    ...head('intermediary_no_penalty_decision'),
    ...unitLines,
    ...factsAndEvidence('一、调查认定的事实和证据'),
    ...statementAndAdoption(),
    heading('三、不予行政处罚的理由和依据'),
    para('{reasons}'),
    para('依据{basis}，本机关决定对你单位不予行政处罚。'),
    heading('四、申请行政复议或者提起行政诉讼的途径和期限'),
    remedies(''),
    ...decisionSignature(),
  ];
}

function hearingNotice(): Paragraph[] {
  return [
    ...head('intermediary_hearing_notice'),
    plain('{partyName}：'),
    unitLine,
    para('关于{caseSummary}一案，你单位已依法提出听证要求。根据《中华人民共和国行政处罚法》第六十四条的规定，本机关决定举行听证，现将有关事项通知如下：'),
    ...hearingArrangements(),
    heading('四、注意事项'),
    para('（一）除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。'),
    para('（二）你单位认为主持人与本案有直接利害关系的，有权申请回避。'),
    para('（三）你单位可以由法定代表人（主要负责人）参加听证，也可以委托一至二人代理；委托代理的，请提交加盖单位印章的授权委托书。'),
    para('（四）无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。'),
    para('（五）请携带营业执照或者其他主体资格证明、法定代表人（主要负责人）证明文件和有关证据材料准时参加。'),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
  ];
}

function serviceReceipt(): Paragraph[] {
  return [
    ...head('intermediary_service_receipt'),
    plain('送达文书名称及文号：{servedDocumentTitle}（{servedDocumentNumber}）'),
    plain('受送达单位：{partyName}'),
    plain('统一社会信用代码：{partyCreditCode}'),
    plain('单位地址：{partyAddress}'),
    plain('送达地点：{serviceAddress}'),
    plain('送达方式：{serviceMethod}'),
    plain('签收人（法定代表人、主要负责人或者单位负责收件的人）签名：＿＿＿＿＿＿＿＿　职务：＿＿＿＿＿＿'),
    plain('受送达单位盖章：＿＿＿＿＿＿＿＿　　收到日期：　　年　　月　　日'),
    ...serverAndWitnessLines(),
    plain(
      '备注：依照《中华人民共和国行政处罚法》第六十一条和《中华人民共和国民事诉讼法》关于送达的规定，受送达人是法人或者其他组织的，由法定代表人、主要负责人或者该单位负责收件的人签收。拒绝签收的，送达人在此注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达单位的住所，即视为送达。',
    ),
    ...signature('issueDate'),
  ];
}

function orderNotice(): Paragraph[] {
  return [
    ...head('intermediary_order_notice'),
    plain('{partyName}：'),
    plain('（统一社会信用代码：{partyCreditCode}；人力资源服务许可证编号：{partyLicenceNumber}；机构类型：{partyKind}；地址：{partyAddress}）'),
    para('本机关在工程建设领域专业技术人员职业资格“挂证”等违法违规行为专项整治中，发现你单位存在下列违规行为。现责令你单位限期整改，有关事项通知如下：'),
    heading('一、违法事实'),
    para('{facts}'),
    heading('二、证据'),
    ...list('evidence'),
    heading('三、责令整改的依据'),
    para('{basis}'),
    heading('四、整改要求'),
    ...list('requirements'),
    heading('五、整改期限'),
    para('请你单位于{deadline}前完成整改，并将整改情况书面报告本机关。本机关将对整改情况进行核查。'),
    heading('六、逾期不整改的后果'),
    para(
      '你单位逾期未整改或者整改不到位的，本机关将依法查处；情节严重的，依法给予行政处罚，并依照《中华人民共和国行政处罚法》的规定事先告知你单位拟作出的行政处罚及你单位依法享有的陈述、申辩、要求听证等权利。',
    ),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
    heading('送达回证'),
    plain('送达文书：责令限期整改通知书（{documentNumber}）'),
    plain('受送达单位：{partyName}'),
    plain('送达地点：{partyAddress}'),
    plain('送达方式：＿＿＿＿＿＿＿＿'),
    plain('签收人（法定代表人、主要负责人或者单位负责收件的人）签名：＿＿＿＿＿＿＿＿　受送达单位盖章：＿＿＿＿＿＿'),
    plain('收到日期：　　年　　月　　日'),
    plain('送达人签名：＿＿＿＿＿＿＿＿　＿＿＿＿＿＿＿＿　　见证人签名：＿＿＿＿＿＿＿＿'),
    plain('备注：拒绝签收的，送达人在此注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达单位的住所，即视为送达。'),
  ];
}

export const INTERMEDIARY_TEMPLATES: Record<IntermediaryDocumentKind, () => Paragraph[]> = {
  intermediary_penalty_notice: penaltyNotice,
  intermediary_hearing_notice: hearingNotice,
  intermediary_penalty_decision: penaltyDecision,
  intermediary_no_penalty_decision: noPenaltyDecision,
  intermediary_service_receipt: serviceReceipt,
  intermediary_order_notice: orderNotice,
};
