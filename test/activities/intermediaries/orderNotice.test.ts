/**
 * The rectification order's 责令限期整改通知书 (services/intermediaryOrderNotice.ts): numbered by the city's
 * 人社局 per year, gap-free and never reused when orders are issued at once; one document per order;
 * the unit, the links to cases as facts and evidence, the requirements, the deadline and the basis.
 */
import { orderNotice } from '../../../services/intermediaryOrderNotice';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxText } from '../documents/docxText';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const at = { campaignId: 'notice-campaign', cityCode: '2201' };

async function order(n: number, issuedOn = '2026-02-02', deadline = '2026-02-20'): Promise<{ intermediaryId: number; orderId: number }> {
  const i = await db.pool.query<{ id: string }>(
    `INSERT INTO intermediary (campaign_id, city_code, name, uscc, kind, address, licence_number, source, created_by)
     VALUES ($1, $2, $3, $4, 'hr_agency', '吉林省长春市南关区人民大街2000号', NULL, 'officer', 'test') RETURNING id`,
    [at.campaignId, at.cityCode, `长春某人力资源服务有限公司${n}`, `91220101MA${String(n).padStart(7, '0')}X`],
  );
  const o = await db.pool.query<{ id: string }>(
    `INSERT INTO intermediary_order (intermediary_id, issued_on, deadline, requirements, issued_by)
     VALUES ($1, $2, $3, E'停止为非本单位人员代缴社会保险费；\\n书面报告整改情况。', 'test') RETURNING id`,
    [i.rows[0].id, issuedOn, deadline],
  );
  return { intermediaryId: Number(i.rows[0].id), orderId: Number(o.rows[0].id) };
}

describe("an order's notice", () => {
  it('numbers 20 orders issued at once 长人社责改〔2026〕第0001号..第0020号, one each, and asking again returns the same file', async () => {
    const orders = await Promise.all(Array.from({ length: 20 }, (_, n) => order(n + 1)));
    const [first, again] = await Promise.all([
      Promise.all(orders.map((o) => orderNotice(db.pool, at, o.intermediaryId, o.orderId))),
      Promise.all(orders.map((o) => orderNotice(db.pool, at, o.intermediaryId, o.orderId))),
    ]);
    const numbers = first.map((d) => d!.number);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `长人社责改〔2026〕第${String(i + 1).padStart(4, '0')}号`));
    expect(again.map((d) => d!.number)).toEqual(numbers);
    expect(again.map((d) => d!.documentId)).toEqual(first.map((d) => d!.documentId));
    const made = await db.pool.query(`SELECT count(*)::int AS n FROM generated_document WHERE kind = 'intermediary_order_notice'`);
    expect(made.rows[0].n).toBe(20);
    const counter = await db.pool.query(
      `SELECT last_seq FROM document_number_counter WHERE authority_code = 'hr-2201' AND kind = 'intermediary_order_notice' AND year = 2026`,
    );
    expect(counter.rows[0].last_seq).toBe(20);
  });

  it('starts again at 0001 in the year of the order’s issue date', async () => {
    const o = await order(101, '2027-01-05', '2027-01-25');
    expect((await orderNotice(db.pool, at, o.intermediaryId, o.orderId))!.number).toBe('长人社责改〔2027〕第0001号');
  });

  it('names the unit, states the linked cases as facts and evidence, the requirements, the deadline, the 责令改正 basis and its service', async () => {
    const o = await order(201);
    await db.pool.query(
      `INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin) VALUES ('notice-case-1', 'N-1', $1, $2, 1, $3, 'complaint')`,
      [at.campaignId, at.cityCode, '220102198001010016'],
    );
    await db.pool.query(
      `INSERT INTO intermediary_case (intermediary_id, case_id, basis, reason, linked_by) VALUES ($1, 'notice-case-1', 'paid_contributions', NULL, 'test'),
              ($1, 'notice-case-1', 'named_by_officer', '其负责人承认安排挂证', 'test')`,
      [o.intermediaryId],
    );
    const text = docxText((await orderNotice(db.pool, at, o.intermediaryId, o.orderId))!.content);
    expect(text).toContain('长春某人力资源服务有限公司201');
    expect(text).toContain('91220101MA0000201X');
    expect(text).toContain('人力资源服务许可证编号：（名录未登记）');
    expect(text).toContain('长春市人力资源和社会保障局');
    expect(text).toContain('你单位为注册人员代缴社会保险费，致其社会保险缴费单位与注册执业单位不一致，涉及本机关“挂证”案件1件');
    expect(text).toContain('案件notice-case-1：代缴社会保险（证据）');
    expect(text).toContain('案件notice-case-1：经办人认定其安排挂证，认定理由：其负责人承认安排挂证');
    expect(text).toContain('停止为非本单位人员代缴社会保险费');
    expect(text).toContain('请你单位于2026年2月20日前完成整改');
    expect(text).toContain('《人力资源市场暂行条例》（国务院令第700号）第四十三条');
    expect(text).toContain('情节严重的，依法给予行政处罚');
    expect(text).toContain('受送达单位盖章');
    expect(text).toContain('2026年2月2日');
    expect(text).not.toMatch(/身份证|[{}]/);
  });

  it('is refused for an order of another city', async () => {
    const o = await order(301);
    expect(await orderNotice(db.pool, { ...at, cityCode: '2202' }, o.intermediaryId, o.orderId)).toBeUndefined();
  });
});
