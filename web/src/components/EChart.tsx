/**
 * One ECharts chart in a React page: drawn as SVG (sharp at any zoom, readable by the browser
 * tests, no canvas under the page's CSP), resized with its box, redrawn when its option changes,
 * disposed with the component. Only the charts and components registered here are bundled; a
 * page that needs another adds it to the `use` list.
 *
 * Its box is as wide as its parent and clips: until the box's resize is observed, the SVG keeps
 * the width it was drawn at, which must not widen the page meanwhile.
 *
 * A chart is an image to assistive technology: give it a label that says what it shows, and put
 * its figures in a table beside it (ECharts' own aria description is switched off for that reason).
 */
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  type DatasetComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export type EChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | DatasetComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export function EChart(props: { option: EChartOption; label: string; height: number; className?: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  const { option, height } = props;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: false }, animation: false, ...option }, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={props.label}
      className={['echart', props.className].filter(Boolean).join(' ')}
      data-testid={props.testId}
      style={{ height, width: '100%', minWidth: 0, overflow: 'hidden' }}
    />
  );
}
