import { Card, Empty, Skeleton } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import type { EChartsCoreOption } from '../../charts/echarts';
import { currentLanguage } from '../../i18n';

// ECharts stays in its own chunk, loaded when an analysis page is opened.
const EChart = lazy(() => import('../../charts/EChart'));

/** A card with one lazily loaded chart; `empty` shows a placeholder instead. */
export function ChartCard({
  title,
  option,
  empty,
  height,
  extra,
  testId,
  onClick,
}: {
  title: ReactNode;
  option: object;
  empty?: boolean;
  height?: number;
  extra?: ReactNode;
  testId?: string;
  onClick?: (params: { name?: string; data?: unknown }) => void;
}) {
  return (
    <Card size="small" title={title} extra={extra} style={{ height: '100%' }}>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Suspense fallback={<Skeleton active />}>
          <div data-testid={testId}>
            <EChart option={option as EChartsCoreOption} style={height ? { height } : undefined} locale={currentLanguage() === 'en' ? 'EN' : 'ZH'} {...(onClick ? { onClick } : {})} />
          </div>
        </Suspense>
      )}
    </Card>
  );
}
