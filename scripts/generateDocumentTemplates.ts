/**
 * Writes the default document templates (templates/<kind>.docx) with the `docx` package: run once
 * (`npx tsx scripts/generateDocumentTemplates.ts`) and commit the files. Officials replace them
 * through the API (POST /document-templates/{kind}); these are version 1 of each kind.
 *
 * The tags are docxtemplater's ({documentNumber}, {#measures}{text}{/measures}, {#hearing}…{/hearing});
 * each paragraph is one run, so Word never splits a tag. The content of each template holds every
 * element the law requires of its document (docs/documents.md): 告知书 行政处罚法 arts. 44, 45, 63, 64;
 * 决定书 art. 59; 不予行政处罚决定书 art. 57 (二)(三) with art. 59's elements where they apply.
 *
 *   npx tsx scripts/generateDocumentTemplates.ts [kind …]   (only those kinds; default: every kind)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Packer, type Paragraph } from 'docx';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/documents';
import {
  decisionSignature,
  factsAndEvidence,
  hearingArrangements,
  heading,
  head,
  list,
  para,
  plain,
  section,
  serverAndWitnessLines,
  signature,
  statementAndAdoption,
} from './documentTemplateParts';
import { INTERMEDIARY_TEMPLATES } from './intermediaryTemplates';

function notice(kind: 'penalty_notice' | 'revocation_notice'): Paragraph[] {
  const penalty = kind === 'penalty_notice';
  return [
    ...head(kind),
    plain('{partyName}：'),
    plain('（身份证件号码：{partyIdNumber}；地址：{partyAddress}）'),
    para(
      penalty
        ? '经调查，本机关认为你（单位）存在下列违法行为，拟对你（单位）作出行政处罚。根据《中华人民共和国行政处罚法》第四十四条的规定，现将拟作出的行政处罚内容及事实、理由、依据和你（单位）依法享有的权利告知如下：'
        : '经调查，本机关认为你取得的注册存在依法应当撤销的情形，拟撤销你的注册。现将拟作出的处理内容及事实、理由、依据和你依法享有的权利告知如下：',
    ),
    heading('一、违法事实'),
    para('{facts}'),
    heading('二、证据'),
    ...list('evidence'),
    heading(penalty ? '三、处罚理由和依据' : '三、撤销注册的理由和依据'),
    para('{basis}'),
    heading(penalty ? '四、拟作出的行政处罚' : '四、拟作出的处理'),
    ...list('measures'),
    heading('五、依法享有的权利'),
    para(
      '（一）陈述、申辩权：你（单位）有权进行陈述和申辩。请于{statementDeadline}前向本机关提出陈述、申辩意见，并提交相关证据材料；逾期未提出的，视为放弃陈述、申辩权利。本机关将充分听取你（单位）的意见，对提出的事实、理由和证据进行复核，提出的事实、理由或者证据成立的，予以采纳。本机关不因你（单位）陈述、申辩而给予更重的处罚（《中华人民共和国行政处罚法》第四十五条）。',
    ),
    ...section('hearing', [
      para(
        '（二）听证权：根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求听证的权利。要求听证的，应当在本机关告知后五个工作日内，即{hearingDeadline}前，向本机关书面或者口头提出；逾期未提出的，视为放弃听证权利。听证不收取费用。',
      ),
    ]),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
  ];
}

function decision(kind: 'penalty_decision' | 'revocation_decision'): Paragraph[] {
  const penalty = kind === 'penalty_decision';
  return [
    ...head(kind),
    plain('当事人：{partyName}'),
    plain('身份证件号码：{partyIdNumber}'),
    plain('地址：{partyAddress}'),
    ...factsAndEvidence('一、违法事实和证据'),
    ...statementAndAdoption(),
    heading(penalty ? '三、处罚的种类和依据' : '三、撤销注册的依据'),
    para('{basis}'),
    heading(penalty ? '四、处罚决定' : '四、撤销决定'),
    para(penalty ? '本机关决定对你（单位）给予如下行政处罚：' : '本机关决定：'),
    ...list('measures'),
    heading('五、履行方式和期限'),
    para('{performance}'),
    heading('六、申请行政复议或者提起行政诉讼的途径和期限'),
    para(
      '如不服本决定，可以自知道本决定之日起{reviewDays}日内向{reviewAuthority}申请行政复议，也可以自知道本决定之日起{suitMonths}个月内依法向{court}提起行政诉讼。申请行政复议或者提起行政诉讼的，本决定不停止执行，法律另有规定的除外。',
    ),
    ...decisionSignature(),
  ];
}

function noPenaltyDecision(): Paragraph[] {
  return [
    ...head('no_penalty_decision'),
    plain('当事人：{partyName}'),
    plain('身份证件号码：{partyIdNumber}'),
    plain('地址：{partyAddress}'),
    ...factsAndEvidence('一、调查认定的事实和证据'),
    ...statementAndAdoption(),
    heading('三、不予行政处罚的理由和依据'),
    para('{reasons}'),
    para('依据{basis}，本机关决定对你（单位）不予行政处罚。'),
    heading('四、申请行政复议或者提起行政诉讼的途径和期限'),
    para(
      '如不服本决定，可以自知道本决定之日起{reviewDays}日内向{reviewAuthority}申请行政复议，也可以自知道本决定之日起{suitMonths}个月内依法向{court}提起行政诉讼。',
    ),
    ...decisionSignature(),
  ];
}

const TEMPLATES: Record<DocumentKind, () => Paragraph[]> = {
  no_penalty_decision: noPenaltyDecision,
  penalty_notice: () => notice('penalty_notice'),
  revocation_notice: () => notice('revocation_notice'),
  penalty_decision: () => decision('penalty_decision'),
  revocation_decision: () => decision('revocation_decision'),
  service_receipt: () => [
    ...head('service_receipt'),
    plain('送达文书名称及文号：{servedDocumentTitle}（{servedDocumentNumber}）'),
    plain('受送达人：{partyName}'),
    plain('送达地点：{serviceAddress}'),
    plain('送达方式：{serviceMethod}'),
    plain('受送达人签名或盖章：＿＿＿＿＿＿＿＿　　收到日期：　　年　　月　　日'),
    plain('代收人及代收理由：＿＿＿＿＿＿＿＿'),
    ...serverAndWitnessLines(),
    plain('备注：受送达人拒绝签收的，送达人在此注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达人的住所，即视为送达。'),
    ...signature('issueDate'),
  ],
  hearing_notice: () => [
    ...head('hearing_notice'),
    plain('{partyName}：'),
    para('关于{caseSummary}一案，你（单位）已依法提出听证要求。根据《中华人民共和国行政处罚法》第六十四条的规定，本机关决定举行听证，现将有关事项通知如下：'),
    ...hearingArrangements(),
    heading('四、注意事项'),
    para('（一）除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。'),
    para('（二）你（单位）认为主持人与本案有直接利害关系的，有权申请回避。'),
    para('（三）你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理的，请提交授权委托书。'),
    para('（四）无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。'),
    para('（五）请携带身份证明和有关证据材料准时参加。'),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
  ],
  ministry_proposal: () => [
    ...head('ministry_proposal'),
    plain('{recipient}：'),
    para('本机关在查处注册执业人员违法违规行为中，发现下列当事人依法应当撤销注册。撤销注册由注册机关作出，现将有关情况报告如下，并提出处理建议。'),
    heading('一、当事人基本情况'),
    para('姓名：{partyName}；身份证件号码：{partyIdNumber}；注册类别：{certCategoryLabel}；注册证书编号：{certNumber}；注册单位：{registeredUnit}。'),
    heading('二、违法事实和证据'),
    para('{facts}'),
    ...list('evidence'),
    heading('三、处理依据'),
    para('{basis}'),
    heading('四、告知及陈述、申辩情况'),
    para('{procedure}'),
    heading('五、处理建议'),
    para('{proposal}'),
    ...signature('issueDate'),
  ],
  referral_letter: () => [
    ...head('referral_letter'),
    plain('{recipient}：'),
    para('本机关在开展注册执业人员“挂证”等违法违规行为专项整治中，发现下列案件不属于本机关管辖（或涉及你单位职责），现依法移送你单位处理。'),
    heading('一、当事人基本情况'),
    para('姓名或名称：{partyName}；身份证件号码：{partyIdNumber}；地址：{partyAddress}。本机关案件编号：{caseNo}。'),
    heading('二、案件基本情况'),
    para('{facts}'),
    heading('三、移送材料'),
    ...list('evidence'),
    heading('四、移送理由'),
    para('{reason}'),
    para('请你单位依法处理，并将处理结果函告本机关。'),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
  ],
  // Issue 21: the self-check phase's notice to a unit. The wording of the corrections is the seed's
  // (自查自纠阶段): registration, social-insurance and fund units the actual employer, else deregister.
  ...INTERMEDIARY_TEMPLATES,
  self_check_notice: () => [
    ...head('self_check_notice'),
    plain('{unitName}（统一社会信用代码：{unitCode}）：'),
    para(
      '根据全省工程建设领域专业技术人员职业资格“挂证”等违法违规行为专项治理工作安排，经注册信息与社会保险、住房公积金信息比对，你单位下列注册人员的注册执业单位与社保缴费单位、公积金缴存单位等信息不一致：',
    ),
    heading('一、信息不一致的注册人员'),
    ...list('staff'),
    heading('二、整改事项'),
    ...list('corrections'),
    heading('三、整改期限'),
    para('请于{selfCheckDeadline}前完成自查自纠，并将整改情况报本机关。对自查自纠期间及时整改到位的人员和单位，不再追究其相关责任。'),
    para('联系人及电话：{contact}'),
    ...signature('issueDate'),
  ],
};

async function main(): Promise<void> {
  const dir = path.join(__dirname, '..', 'templates');
  mkdirSync(dir, { recursive: true });
  // With kinds named on the command line, only those are written (the others' committed bytes stay).
  const only = process.argv.slice(2);
  for (const [kind, build] of Object.entries(TEMPLATES) as [DocumentKind, () => Paragraph[]][]) {
    if (only.length > 0 && !only.includes(kind)) continue;
    const doc = new Document({
      creator: 'guazheng-campaign',
      title: DOCUMENT_KIND_LABELS[kind],
      sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children: build() }],
    });
    writeFileSync(path.join(dir, `${kind}.docx`), await Packer.toBuffer(doc));
    console.log(`templates/${kind}.docx`);
  }
}

void main();
