import { useEffect, useRef, type CSSProperties } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  style?: CSSProperties;
  /** ECharts locale, e.g. 'ZH' or 'EN'. */
  locale?: string;
}

/** Minimal React wrapper; later pages lazy-load it so ECharts stays in its own chunk. */
export function EChart({ option, style, locale }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'svg', locale });
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el.current);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return <div ref={el} style={{ width: '100%', height: 320, ...style }} />;
}

export default EChart;
