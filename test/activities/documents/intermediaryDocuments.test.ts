/**
 * The documents whose party is an intermediary (a unit): each default template, filled, names the unit
 * by its name, credit code and licence, cites the intermediary basis with its articles and measures,
 * tells of the rights and their time limits (art. 44 / 45 / 63 / 64; art. 59; 行政复议 60 days, 行政诉讼
 * 6 months) and carries no person wording; and the rendering activity renders an intermediary's
 * procedure's documents as the unit's kinds, with no workflow change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDocumentActivities } from '../../../activities/documents';
import { generatedDocument } from '../../../documents/renderDocument';
import { fillTemplate } from '../../../documents/fillTemplate';
import { DEFAULT_TEMPLATE_DIR } from '../../../documents/templateStore';
import { citationsText, INTERMEDIARY_DOCUMENT_KINDS, type IntermediaryDocumentKind } from '../../../domain/intermediaryDocuments';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxText } from './docxText';
import { INTERMEDIARY_DOCUMENT_FIXTURES, UNIT } from './intermediaryDocumentFixtures';

const filled = (kind: IntermediaryDocumentKind): string =>
  docxText(fillTemplate(readFileSync(path.join(DEFAULT_TEMPLATE_DIR, `${kind}.docx`)), kind, INTERMEDIARY_DOCUMENT_FIXTURES[kind]));

describe("an intermediary's documents, in a unit's wording", () => {
  it.each(INTERMEDIARY_DOCUMENT_KINDS)('%s names the unit by name and credit code, and no person wording remains', (kind) => {
    const text = filled(kind);
    expect(text).toContain(UNIT.partyName);
    expect(text).toContain(UNIT.partyCreditCode);
    expect(text).toContain(INTERMEDIARY_DOCUMENT_FIXTURES[kind].documentNumber);
    expect(text).toContain(UNIT.authorityName);
    expect(text).not.toMatch(/身份证/);
    expect(text).not.toContain('注册证书');
    expect(text).not.toMatch(/[{}]/);
  });

  it('the notice cites the basis’s article and the measures, and tells of 陈述、申辩 and 听证 with their dates (arts. 44, 45, 63, 64)', () => {
    const text = filled('intermediary_penalty_notice');
    expect(text).toContain('统一社会信用代码：91220101MA0000002X；人力资源服务许可证编号：长人社服许〔2020〕第018号');
    expect(text).toContain('《人力资源市场暂行条例》（国务院令第700号）第四十三条');
    for (const m of ['没收违法所得', '罚款20000元', '吊销人力资源服务许可证']) expect(text).toContain(m);
    expect(text).toContain('第四十四条');
    expect(text).toMatch(/请于2026年3月9日前由法定代表人（主要负责人）或者委托代理人向本机关提出陈述、申辩意见/);
    expect(text).toContain('第四十五条');
    expect(text).toMatch(/第六十三条.*要求听证的权利.*即2026年3月9日前/s);
    expect(text).toContain('你单位');
  });

  it('the notice leaves the hearing out when the basis gives no hearing right', () => {
    const kind = 'intermediary_penalty_notice';
    const text = docxText(
      fillTemplate(readFileSync(path.join(DEFAULT_TEMPLATE_DIR, `${kind}.docx`)), kind, { ...INTERMEDIARY_DOCUMENT_FIXTURES[kind], hearing: false }),
    );
    expect(text).not.toContain('听证权');
  });

  it('the decision carries art. 59’s elements: the unit’s name and address, facts and evidence, basis and measures, performance, 行政复议 60 days and 行政诉讼 6 months, authority and date', () => {
    const text = filled('intermediary_penalty_decision');
    expect(text).toContain(`当事人：${UNIT.partyName}`);
    expect(text).toContain(`地址：${UNIT.partyAddress}`);
    expect(text).toContain('法定代表人（主要负责人）');
    expect(text).toContain('第四十三条');
    expect(text).toContain('本机关决定对你单位给予如下行政处罚');
    for (const m of ['没收违法所得', '罚款20000元', '吊销人力资源服务许可证']) expect(text).toContain(m);
    expect(text).toContain('十五日内缴纳');
    expect(text).toContain('60日内向长春市人民政府申请行政复议');
    expect(text).toContain('6个月内依法向有管辖权的人民法院提起行政诉讼');
    expect(text).toContain('本决定不停止执行');
    expect(text).toContain('作出决定的行政机关：长春市人力资源和社会保障局');
    expect(text).toContain('作出决定的日期：2026年3月20日');
  });

  it('the service receipt is signed for by the unit’s representative or the person in charge of receiving documents', () => {
    const text = filled('intermediary_service_receipt');
    expect(text).toContain(`受送达单位：${UNIT.partyName}`);
    expect(text).toContain('法定代表人、主要负责人或者单位负责收件的人');
    expect(text).toContain('第六十一条');
  });

  it('the hearing notice asks for the unit’s representative or one or two agents with the unit’s power of attorney', () => {
    const text = filled('intermediary_hearing_notice');
    expect(text).toContain('由法定代表人（主要负责人）参加听证，也可以委托一至二人代理');
    expect(text).toContain('2026年3月20日上午9时');
  });

  it('the order notice states the requirements, the deadline, the basis, the consequence of not correcting and its service', () => {
    const text = filled('intermediary_order_notice');
    expect(text).toContain('停止为非本单位人员代缴社会保险费');
    expect(text).toContain('请你单位于2026年2月20日前完成整改');
    expect(text).toContain('第四十三条');
    expect(text).toContain('情节严重的，依法给予行政处罚');
    expect(text).toContain('受送达单位盖章');
  });
});

describe("the basis's citations", () => {
  const article = { instrument: '《人力资源市场暂行条例》', article: '第四十三条', quote: '由人力资源社会保障行政部门责令改正' };
  it('quote the articles’ wording, and leave it out when it would not fit a document’s basis (1,900 characters)', () => {
    expect(citationsText([article], true)).toBe('《人力资源市场暂行条例》第四十三条：“由人力资源社会保障行政部门责令改正”');
    expect(citationsText([article, { ...article, article: '第四十二条' }], false)).toBe(
      '《人力资源市场暂行条例》第四十三条；《人力资源市场暂行条例》第四十二条',
    );
    expect(citationsText([{ ...article, quote: '长'.repeat(1900) }], true)).toBe('《人力资源市场暂行条例》第四十三条');
  });
});

describe('the rendering activity', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("renders an intermediary's procedure's notice as the unit's kind and a case's as the person's, from the same workflow call", async () => {
    const asked: string[] = [];
    const activities = createDocumentActivities({
      pool: db.pool,
      documentData: async (_pool, ref) => {
        asked.push(ref.kind);
        return ref.kind === 'intermediary_penalty_notice' ? INTERMEDIARY_DOCUMENT_FIXTURES.intermediary_penalty_notice : undefined;
      },
    });
    const made = await activities.renderDocument({
      kind: 'penalty_notice',
      key: 'penalty-procedure/intermediary-order/c1/7/city/penalty_notice',
      subjectRef: 'intermediary-order/c1/7',
      documentNumber: '长人社罚告〔2026〕第0001号',
    });
    expect(made.kind).toBe('intermediary_penalty_notice');
    expect(asked).toEqual(['intermediary_penalty_notice']);
    expect(docxText((await generatedDocument(db.pool, made.id))!.content)).toContain(UNIT.partyCreditCode);
    // A retry returns the same document without reading the data again.
    const again = await activities.renderDocument({
      kind: 'penalty_notice',
      key: 'penalty-procedure/intermediary-order/c1/7/city/penalty_notice',
      subjectRef: 'intermediary-order/c1/7',
      documentNumber: '长人社罚告〔2026〕第0001号',
    });
    expect(again.id).toBe(made.id);
    expect(asked).toHaveLength(1);
  });
});
