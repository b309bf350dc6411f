/**
 * Writes the default document templates (templates/<kind>.docx) with the `docx` package: run once
 * (`npx tsx scripts/generateDocumentTemplates.ts`) and commit the files. Officials replace them
 * through the API (POST /document-templates/{kind}); these are version 1 of each kind.
 *
 * The tags are docxtemplater's ({documentNumber}, {#measures}{text}{/measures}, {#hearing}…{/hearing});
 * each paragraph is one run, so Word never splits a tag. The content of each template holds every
 * element the law requires of its document (docs/documents.md): 告知书 行政处罚法 arts. 44, 45, 63, 64;
 * 决定书 art. 59.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/documents';

const BODY = { font: '仿宋', size: 32 };
const HEADING = { font: '黑体', size: 32 };

const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text, font: '宋体', size: 44, bold: true })] });
const centred = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text, ...BODY })] });
const heading = (text: string) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text, ...HEADING })] });
const para = (text: string) => new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text, ...BODY })] });
const plain = (text: string) => new Paragraph({ children: [new TextRun({ text, ...BODY })] });
const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text, ...BODY })] });
/** One paragraph per item of a list field (docxtemplater's paragraphLoop drops the tag-only paragraphs). */
const list = (field: string, prefix = '') => [plain(`{#${field}}`), para(`${prefix}{text}`), plain(`{/${field}}`)];
const section = (flag: string, paragraphs: Paragraph[]) => [plain(`{#${flag}}`), ...paragraphs, plain(`{/${flag}}`)];

const head = (kind: DocumentKind) => [centred('{authorityName}'), title(DOCUMENT_KIND_LABELS[kind]), centred('{documentNumber}')];
const signature = (dateTag: string) => [plain(''), right('{authorityName}'), right('（印章）'), right(`{${dateTag}}`)];

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
    heading('一、违法事实和证据'),
    para('经查，{facts}'),
    para('上述事实有下列证据证明：'),
    ...list('evidence'),
    heading('二、陈述、申辩及采纳情况'),
    para('{statementSummary}'),
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
    plain(''),
    right('作出决定的行政机关：{authorityName}'),
    right('（印章）'),
    right('作出决定的日期：{decisionDate}'),
  ];
}

const TEMPLATES: Record<DocumentKind, () => Paragraph[]> = {
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
    plain('送达人签名：＿＿＿＿＿＿＿＿　＿＿＿＿＿＿＿＿'),
    plain('见证人签名：＿＿＿＿＿＿＿＿'),
    plain('备注：受送达人拒绝签收的，送达人在此注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达人的住所，即视为送达。'),
    ...signature('issueDate'),
  ],
  hearing_notice: () => [
    ...head('hearing_notice'),
    plain('{partyName}：'),
    para('关于{caseSummary}一案，你（单位）已依法提出听证要求。根据《中华人民共和国行政处罚法》第六十四条的规定，本机关决定举行听证，现将有关事项通知如下：'),
    heading('一、听证时间'),
    para('{hearingTime}'),
    heading('二、听证地点'),
    para('{hearingPlace}'),
    heading('三、听证主持人'),
    para('{presidingOfficer}'),
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
};

async function main(): Promise<void> {
  const dir = path.join(__dirname, '..', 'templates');
  mkdirSync(dir, { recursive: true });
  for (const [kind, build] of Object.entries(TEMPLATES) as [DocumentKind, () => Paragraph[]][]) {
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
