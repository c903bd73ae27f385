import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { catalogApi, catalogKeys, MOVEMENT_KINDS, type StockMovement, type Warehouse } from '../../../api/catalog';
import { formatTime, ServerTable, useServerTable } from '../../../toolkit';
import { orDash } from '../../customers/display';
import { warehouseName } from './StockPage';

const FILTERS = ['warehouse_id', 'product_id', 'kind'] as const;
const KIND_COLORS: Record<string, string> = { in: 'green', out: 'blue', reserve: 'orange', release: 'cyan', adjust: 'purple' };

/** 出入库记录: the stock ledger, newest first (filters shared with the stock tab through the URL). */
export function StockMovements({ warehouses }: { warehouses: readonly Warehouse[] | undefined }) {
  const { t } = useTranslation();
  const table = useServerTable<StockMovement>({ queryKey: catalogKeys.movements, fetcher: (q, s) => catalogApi.movements(q, s), filterKeys: FILTERS });
  return (
    <>
      <Select
        allowClear
        placeholder={t('stock.kind')}
        value={table.filters.kind}
        onChange={(v?: string) => table.setFilters({ kind: v })}
        options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`stock.kinds.${k}`) }))}
        style={{ width: 140, marginBottom: 12 }}
        data-testid="movement-filter-kind"
      />
      <ServerTable<StockMovement>
        table={table}
        rowKey="id"
        scroll={{ x: 1100 }}
        data-testid="movements-table"
        columns={[
          { title: t('stock.at'), dataIndex: 'at', width: 170, render: (v: number) => formatTime(v) },
          { title: t('catalog.sku'), dataIndex: 'sku', width: 140, render: (v: string | undefined, m) => v ?? `#${m.product_id}` },
          { title: t('catalog.productName'), dataIndex: 'product_name', ellipsis: true, render: (v?: string) => orDash(v) },
          { title: t('stock.warehouse'), key: 'w', width: 120, render: (_v, m) => warehouseName(warehouses, m.warehouse_id) },
          { title: t('stock.kind'), dataIndex: 'kind', width: 90, render: (v: string) => <Tag color={KIND_COLORS[v]}>{t(`stock.kinds.${v}`, { defaultValue: v })}</Tag> },
          { title: t('stock.quantity'), dataIndex: 'quantity', width: 80, align: 'right', render: (v: number) => (v > 0 ? `+${v}` : v) },
          { title: t('stock.onHandAfter'), dataIndex: 'on_hand_after', width: 90, align: 'right' },
          { title: t('stock.reservedAfter'), dataIndex: 'reserved_after', width: 90, align: 'right' },
          {
            title: t('stock.reference'),
            key: 'ref',
            width: 140,
            render: (_v, m) =>
              m.order_id ? <Link to={`/orders/${m.order_id}`}>{t('stock.orderRef', { id: m.order_id })}</Link> : m.after_sale_id ? <Link to={`/after-sales/${m.after_sale_id}`}>{t('stock.afterSaleRef', { id: m.after_sale_id })}</Link> : '—',
          },
          { title: t('stock.reason'), dataIndex: 'reason', ellipsis: true, render: (v: string) => orDash(v) },
          { title: t('orders.actor'), dataIndex: 'actor_name', width: 100, render: (v?: string) => orDash(v) },
        ]}
      />
    </>
  );
}
