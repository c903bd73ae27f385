import { useEffect, useRef, type CSSProperties } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  style?: CSSProperties;
  /** ECharts locale, e.g. 'ZH' or 'EN'. */
  locale?: string;
  /** Called with the clicked item's event params (e.g. `data` of a treemap node). */
  onClick?: (params: { name?: string; data?: unknown }) => void;
}

/** Minimal React wrapper; later pages lazy-load it so ECharts stays in its own chunk. */
export function EChart({ option, style, locale, onClick }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'svg', locale });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as { name?: string; data?: unknown }));
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
