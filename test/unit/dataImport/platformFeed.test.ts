/**
 * The outbound feed's formatting (docs/publication.md): every field of the documented record, a
 * withdrawal's status and Chinese reason, the CSV's header, list joining and formula neutralising.
 */
import { FEED_CSV_COLUMNS, FeedRecord, feedCsv, toFeedRecord, type FeedSource } from '../../../dataImport/platformFeed';

const source = (over: Partial<FeedSource> = {}): FeedSource => ({
  publicationId: 7,
  recordKind: 'BAD_CONDUCT_PERSON',
  level: 'city',
  cityCode: '2201',
  authorityName: '长春市住房和城乡建设局',
  imposedOn: '2026-03-02',
  personName: '张三',
  idNumberMasked: '220102********1234',
  certNumbers: ['吉1222000001', '吉2222000002'],
  certCategories: ['CONSTRUCTOR_2', 'NOT_A_CATEGORY'],
  unitName: null,
  unitCode: null,
  decisionNo: '长建罚决〔2026〕第0001号',
  basis: '《注册建造师管理规定》（建设部令第153号）第三十四条',
  publishedFrom: '2026-03-02',
  publishedUntil: '2029-03-01',
  publishedAt: new Date('2026-03-02T01:00:00Z'),
  withdrawnAt: null,
  withdrawnReason: null,
  withdrawnBy: null,
  changedAt: new Date('2026-03-02T01:00:00Z'),
  ...over,
});

describe('the platform feed', () => {
  it('gives a published record every documented field, with Chinese labels beside the codes', () => {
    const r = toFeedRecord(source());
    expect(FeedRecord.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      record_id: 7,
      status: 'published',
      record_kind_label: '注册执业人员不良行为记录',
      cert_category_labels: ['二级注册建造师', 'NOT_A_CATEGORY'],
      city_name: '长春市',
      imposed_by: 'city',
      withdrawn_reason_label: null,
    });
  });

  it('marks a withdrawn record with why, in Chinese, and who', () => {
    const r = toFeedRecord(source({ withdrawnAt: new Date('2026-04-01T02:00:00Z'), withdrawnReason: 'redress', withdrawnBy: 'officer2201' }));
    expect(r).toMatchObject({
      status: 'withdrawn',
      withdrawn_reason: 'redress',
      withdrawn_reason_label: '行政复议或行政诉讼撤销、变更原决定',
      withdrawn_by: 'officer2201',
    });
  });

  it('writes CSV with a byte-order mark, the JSON keys as header, lists joined and formulas neutralised', () => {
    const csv = feedCsv([toFeedRecord(source({ unitName: '=HYPERLINK("x")', personName: null, idNumberMasked: null, recordKind: 'BAD_CONDUCT_UNIT' }))]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header).toBe(FEED_CSV_COLUMNS.join(','));
    expect(line).toContain('吉1222000001;吉2222000002');
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
