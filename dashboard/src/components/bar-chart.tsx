import { BarChart as Bars, LineChart as Lines } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws: bars and lines on a canvas (no SVG renderer, no maps).
use([Bars, Lines, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  values: (number | null)[];
  /** Drawn against a second axis of 0–100 %. */
  percent?: boolean;
}

/**
 * A bar or line chart (ECharts on a canvas). The canvas is hidden from assistive
 * technology behind `description`; the same numbers are always in a table beside it.
 */
export function Chart({ categories, series, description, testId }: { categories: string[]; series: Series[]; description: string; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!element.current) return;
    chart.current = init(element.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description } },
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { show: series.length > 1, top: 0 },
        grid: { left: 56, right: series.some((s) => s.percent) ? 56 : 16, top: series.length > 1 ? 32 : 16, bottom: 64 },
        xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
        yAxis: [{ type: 'value', minInterval: 1 }, ...(series.some((s) => s.percent) ? [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } }] : [])],
        color: ['#1f5fa8', '#b3541e', '#2f7d32', '#6a3d9a'],
        series: series.map((s) => ({ name: s.name, type: s.kind, data: s.values, connectNulls: false, yAxisIndex: s.percent ? 1 : 0 })),
      },
      true,
    );
  }, [categories, series, description]);
  return <div ref={element} className="chart" role="img" aria-label={description} data-testid={testId} />;
}
