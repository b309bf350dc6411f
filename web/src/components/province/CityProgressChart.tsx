/**
 * Each city's progress as two stacked bars, every segment a figure of the API (GET /campaigns/{id}
 * cityProgress[].figures, counted as the 汇总表 counts them), nothing computed here:
 * - 核查进度: 尚未办结 (still open) and 已核查 (verified), which together are the city's cases;
 * - 处理结果: 确认挂证, 自查自纠整改 and 注销注册, which never overlap (a case is liable, exempt or
 *   neither; a deregistered self-check subject is not counted as corrected).
 */
import { useMemo } from 'react';
import type { CityProgress } from '../../api/campaigns';
import { cityLabel } from '../../domainLabels';
import { tr } from '../../labels';
import { EChart, type EChartOption } from '../EChart';

type Figures = CityProgress['figures'];

interface Segment {
  key: keyof Figures;
  stack: 'progress' | 'outcome';
  zh: string;
  en: string;
  color: string;
}

const CHART_SEGMENTS: Segment[] = [
  { key: 'stillOpen', stack: 'progress', zh: '尚未办结（待核查）', en: 'Still open', color: '#faad14' },
  { key: 'verified', stack: 'progress', zh: '已核查', en: 'Verified', color: '#1677ff' },
  { key: 'confirmedHanging', stack: 'outcome', zh: '确认挂证', en: 'Confirmed hanging', color: '#cf1322' },
  { key: 'selfCorrected', stack: 'outcome', zh: '自查自纠整改（已整改）', en: 'Corrected in self-check', color: '#389e0d' },
  { key: 'deregistered', stack: 'outcome', zh: '注销注册', en: 'Deregistered', color: '#8c8c8c' },
];

export function CityProgressChart({ cities }: { cities: CityProgress[] }) {
  const option = useMemo<EChartOption>(() => {
    const names = cities.map((c) => cityLabel(c.cityCode));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'plain' },
      grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: CHART_SEGMENTS.map((s) => ({
        type: 'bar',
        name: tr(s.zh, s.en),
        stack: s.stack,
        barMaxWidth: 18,
        itemStyle: { color: s.color },
        data: cities.map((c) => c.figures[s.key] as number),
      })),
    };
  }, [cities]);
  const description = cities
    .map((c) => `${cityLabel(c.cityCode)}：${CHART_SEGMENTS.map((s) => `${tr(s.zh, s.en)} ${c.figures[s.key] as number}`).join(tr('，', ', '))}`)
    .join(tr('；', '; '));
  return (
    <EChart
      option={option}
      height={Math.max(220, 80 + cities.length * 52)}
      testId="city-progress-chart"
      label={`${tr('各市（州）进展', 'Progress by city')}：${description}`}
    />
  );
}
