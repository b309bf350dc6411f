/**
 * The early-November progress notice (通报) of each city's self-check, as .docx. The figures are
 * reportFigures' phase-1 counts (the rows of the self-check summary tables); which cities lag
 * (进展不力) is the campaign's own judgement, recorded by produceProgressNotice, when it exists.
 */
import { caption, closingPara, packDocument, para, signature, table, title, type Block } from './docxParts';
import { latenessText } from './lateness';
import type { ReportFigures } from './reportFigures';
import { submitterOf } from './summaryLayout';

export interface ProgressNoticeInput {
  /** Phase-1 figures (reportFigures with phase 'progressNotice'). */
  figures: ReportFigures;
  /** Lagging cities and why (progress_notice's content); absent before the campaign judged. */
  lagging?: Map<string, string[]>;
  /** The notice's title as the campaign recorded it. */
  title?: string;
}

export const NOTICE_TITLE = '关于各市（州）工程建设领域专业技术人员违规“挂证”行为自查自纠工作进展情况的通报';
export const NOTICE_TABLE_HEADER = ['市（州）', '自查自纠对象', '整改到位', '注销注册', '注销办理中', '汇总表报送日期', '报送情况', '进展情况'];

function laggingOf(input: ProgressNoticeInput): Map<string, string[]> {
  if (input.lagging) return input.lagging;
  // Before the campaign's own judgement: a missing or late summary is lagging.
  return new Map(
    input.figures.cities
      .filter((c) => !c.lateness.selfCheck.submittedOn || c.lateness.selfCheck.late)
      .map((c) => [c.cityCode, [c.lateness.selfCheck.submittedOn ? '逾期报送自查自纠汇总表' : '未按期报送自查自纠汇总表']]),
  );
}

export async function renderProgressNotice(input: ProgressNoticeInput): Promise<Buffer> {
  const f = input.figures;
  const lagging = laggingOf(input);
  const rows: (string | number)[][] = f.cities.map((c) => [
    c.cityName,
    c.rows,
    c.selfCorrected,
    c.deregistered,
    c.deregistrationsPending,
    c.lateness.selfCheck.submittedOn ?? '—',
    latenessText(c.lateness.selfCheck),
    lagging.has(c.cityCode) ? `进展不力：${lagging.get(c.cityCode)!.join('；')}` : '正常',
  ]);
  const t = f.totals;
  rows.push(['合计', t.rows, t.selfCorrected, t.deregistered, t.deregistrationsPending, '', '', '']);
  const laggingNames = f.cities.filter((c) => lagging.has(c.cityCode)).map((c) => c.cityName);
  const docTitle = input.title ?? NOTICE_TITLE;
  const blocks: Block[] = [
    title(docTitle),
    para('各市（州）住房和城乡建设局（建委）、人力资源和社会保障局：', { indent: false }),
    para(`按照《吉林省工程建设领域专业技术人员违规“挂证”行为专项治理实施方案》安排，现将截至${f.asOfDate}各地自查自纠工作进展情况通报如下。`),
    para(
      `全省共受理个人和单位自查自纠申报${t.rows}件，整改到位${t.selfCorrected}件，注销注册${t.deregistered}人，注销申请尚在办理${t.deregistrationsPending}件。`,
    ),
    caption('表1 各市（州）自查自纠工作进展情况'),
    table(NOTICE_TABLE_HEADER, rows, { boldLast: true }),
    para(
      laggingNames.length
        ? `${laggingNames.join('、')}自查自纠工作进展不力，省住房和城乡建设厅、省人力资源和社会保障厅将开展现场调研督办。请相关市（州）对照问题抓紧整改。`
        : '各市（州）自查自纠工作均按要求推进。',
    ),
    closingPara('请各地以此次通报为契机，扎实做好市（州）排查阶段工作，对信息不一致人员逐一核实，依法依规处理，按时报送工作报告和汇总表。'),
    ...signature(submitterOf(null), f.asOfDate),
  ];
  return packDocument(docTitle, blocks);
}
