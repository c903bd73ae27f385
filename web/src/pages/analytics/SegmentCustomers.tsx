import { Button, Card, Flex, Table, Typography } from 'antd';
import { useEffect, useMemo, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { analyticsApi, type AnalyticsFilters, type RfmCustomer, type Segment } from '../../api/analytics';
import { cursorReducer, initialCursorState, pageNumber } from '../../toolkit';
import { formatFen } from '../orders/money';
import { AnalyticsState, useAnalyticsQuery } from './AnalyticsState';
import { Definition } from './Definition';
import { ExportButton } from './ExportButton';

const PAGE = 20;

/** The customers of one RFM segment, keyset-paged; each links to the customer's page. */
export function SegmentCustomers({ segment, filters, onClose }: { segment: Segment; filters: AnalyticsFilters; onClose: () => void }) {
  const { t } = useTranslation();
  const [cursor, dispatch] = useReducer(cursorReducer, initialCursorState);
  const base = useMemo(() => ({ ...filters }), [filters]);
  const baseKey = JSON.stringify([segment, base]);
  useEffect(() => dispatch({ type: 'reset' }), [baseKey]);
  const query = useMemo(() => ({ ...base, limit: PAGE, after: cursor.current ?? undefined }), [base, cursor]);
  const list = useAnalyticsQuery(`segment-${segment}`, query, (q, signal) => analyticsApi.segmentCustomers(segment, q, signal));
  const path = `rfm/segments/${segment}/customers`;

  return (
    <Card
      size="small"
      data-testid="segment-customers"
      title={t('analytics.rfm.segmentCustomers', { segment: t(`analytics.segments.${segment}`) })}
      extra={
        <Flex gap={8}>
          <ExportButton path={path} query={base} />
          <Button onClick={onClose}>{t('analytics.rfm.close')}</Button>
        </Flex>
      }
    >
      <AnalyticsState query={list}>
        {(data) => (
          <>
            <Table<RfmCustomer>
              size="small"
              rowKey="customer_id"
              dataSource={data.items}
              pagination={false}
              loading={list.isFetching}
              columns={[
                {
                  title: t('analytics.cols.customer'),
                  render: (_, c) => <Link to={`/customers/${c.customer_id}`}>{c.customer_name ?? `#${c.customer_id}`}</Link>,
                },
                { title: t('analytics.cols.customerNumber'), dataIndex: 'customer_number', render: (v: string | null) => v ?? '—' },
                { title: <Definition term="recency">R</Definition>, dataIndex: 'recency_days', align: 'right', render: (v: number) => t('analytics.days', { count: v }) },
                { title: <Definition term="frequency_rfm">F</Definition>, dataIndex: 'frequency', align: 'right' },
                { title: <Definition term="monetary">M</Definition>, dataIndex: 'monetary_fen', align: 'right', render: (v: number) => formatFen(v) },
                { title: <Definition term="scores">{t('analytics.cols.scores')}</Definition>, align: 'right', render: (_, c) => `${c.r_score}-${c.f_score}-${c.m_score}` },
                { title: t('analytics.cols.lastOrder'), dataIndex: 'last_order_day' },
              ]}
            />
            <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
              <Typography.Text type="secondary" data-testid="segment-total">
                {t('analytics.rfm.pageOf', { page: pageNumber(cursor), total: data.total })}
              </Typography.Text>
              <Flex gap={8}>
                <Button disabled={cursor.stack.length === 0} onClick={() => dispatch({ type: 'prev' })}>
                  {t('analytics.rfm.prev')}
                </Button>
                <Button disabled={!data.next_after} onClick={() => data.next_after && dispatch({ type: 'next', after: data.next_after })}>
                  {t('analytics.rfm.next')}
                </Button>
              </Flex>
            </Flex>
          </>
        )}
      </AnalyticsState>
    </Card>
  );
}
