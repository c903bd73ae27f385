import { ImportOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Select, Switch, Tabs, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, catalogKeys, type StockRow, type Warehouse } from '../../../api/catalog';
import { useSession } from '../../../auth/SessionContext';
import { FilterBar, formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { StockAdjustModal, StockReceiveModal } from './StockModals';
import { StockMovements } from './StockMovements';
import { useWarehouses } from './useCatalogOptions';

const FILTERS = ['warehouse_id', 'low', 'product_id'] as const;

export function warehouseName(warehouses: readonly Warehouse[] | undefined, id: number, code?: string): string {
  return warehouses?.find((w) => w.id === id)?.name ?? code ?? `#${id}`;
}

function stockColumns(t: TFunction, warehouses: readonly Warehouse[] | undefined): TableColumnsType<StockRow> {
  return [
    { title: t('catalog.sku'), dataIndex: 'sku', width: 150, render: (v?: string, r?: StockRow) => v ?? `#${r?.product_id}` },
    { title: t('catalog.productName'), dataIndex: 'product_name', ellipsis: true, render: (v?: string) => v ?? '—' },
    { title: t('stock.warehouse'), key: 'warehouse', width: 140, render: (_v, r) => warehouseName(warehouses, r.warehouse_id, r.warehouse_code) },
    { title: t('stock.onHand'), dataIndex: 'on_hand', width: 90, align: 'right' },
    { title: t('stock.reserved'), dataIndex: 'reserved', width: 90, align: 'right' },
    {
      title: t('stock.available'),
      dataIndex: 'available',
      width: 90,
      align: 'right',
      render: (v: number, r) => <Typography.Text type={v <= r.low_stock_threshold ? 'danger' : undefined} strong={v <= r.low_stock_threshold}>{v}</Typography.Text>,
    },
    { title: t('stock.threshold'), dataIndex: 'low_stock_threshold', width: 100, align: 'right' },
    { title: t('stock.updatedAt'), dataIndex: 'updated_at', width: 170, render: (v: number) => formatTime(v) },
  ];
}

/** 库存: stock per product and warehouse, the low-stock list, receipts, adjustments and the ledger. */
export function StockPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canManage = can('stock.manage');
  const [modal, setModal] = useState<'receive' | 'adjust' | null>(null);
  const [tab, setTab] = useState('stock');
  const warehouses = useWarehouses();
  const table = useServerTable<StockRow>({ queryKey: catalogKeys.stockList, fetcher: (q, s) => catalogApi.stock(q, s), filterKeys: FILTERS });
  const f = table.filters;
  return (
    <>
      <PageHeader
        title={t('nav.stock')}
        subtitle={t('stock.subtitle')}
        extra={
          canManage && (
            <>
              <Button icon={<ToolOutlined />} onClick={() => setModal('adjust')} data-testid="stock-adjust">
                {t('stock.adjust')}
              </Button>
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setModal('receive')} data-testid="stock-receive">
                {t('stock.receive')}
              </Button>
            </>
          )
        }
      />
      <FilterBar onReset={table.resetFilters}>
        <Select
          allowClear
          placeholder={t('stock.warehouse')}
          value={f.warehouse_id ? Number(f.warehouse_id) : undefined}
          onChange={(v?: number) => table.setFilters({ warehouse_id: v })}
          options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
          style={{ width: 160 }}
          data-testid="stock-filter-warehouse"
        />
        <span>
          <Switch checked={f.low === 'true'} onChange={(on) => table.setFilters({ low: on ? 'true' : null })} data-testid="stock-filter-low" />{' '}
          {t('stock.lowOnly')}
        </span>
      </FilterBar>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'stock',
            label: t('stock.levels'),
            children: <ServerTable<StockRow> table={table} rowKey={(r) => `${r.product_id}-${r.warehouse_id}`} columns={stockColumns(t, warehouses.data)} scroll={{ x: 1000 }} data-testid="stock-table" />,
          },
          { key: 'movements', label: t('stock.movements'), children: <StockMovements warehouses={warehouses.data} /> },
        ]}
      />
      <StockReceiveModal open={modal === 'receive'} onClose={() => setModal(null)} />
      <StockAdjustModal open={modal === 'adjust'} onClose={() => setModal(null)} />
    </>
  );
}
