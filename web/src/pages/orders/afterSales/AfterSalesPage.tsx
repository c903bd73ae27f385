import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AFTER_SALE_KINDS, AFTER_SALE_STATUSES, afterSaleKeys, afterSalesApi, type AfterSale } from '../../../api/afterSales';
import { FilterBar, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { openUnlessControl } from '../../customers/customerColumns';
import { afterSaleColumns } from './afterSaleColumns';

const FILTERS = ['status', 'kind', 'q', 'order_id', 'customer_id'] as const;

/** 售后: returns, exchanges and refunds in the caller's data scope. Requests are made from an order. */
export function AfterSalesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const table = useServerTable<AfterSale>({
    queryKey: afterSaleKeys.list,
    fetcher: (query, signal) => afterSalesApi.list(query, signal),
    filterKeys: FILTERS,
  });
  const f = table.filters;
  return (
    <>
      <PageHeader title={t('nav.afterSales')} subtitle={t('afterSales.subtitle')} />
      <FilterBar onReset={table.resetFilters}>
        <Input.Search
          key={`q-${f.q ?? ''}`}
          defaultValue={f.q}
          placeholder={t('afterSales.searchPlaceholder')}
          allowClear
          onSearch={(v) => table.setFilters({ q: v.trim() })}
          style={{ width: 220 }}
          data-testid="after-sale-filter-q"
        />
        <Select
          allowClear
          placeholder={t('orders.status')}
          value={f.status}
          onChange={(v?: string) => table.setFilters({ status: v })}
          options={AFTER_SALE_STATUSES.map((s) => ({ value: s, label: t(`afterSales.statuses.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('afterSales.kind')}
          value={f.kind}
          onChange={(v?: string) => table.setFilters({ kind: v })}
          options={AFTER_SALE_KINDS.map((k) => ({ value: k, label: t(`afterSales.kinds.${k}`) }))}
          style={{ width: 130 }}
        />
      </FilterBar>
      <ServerTable<AfterSale>
        table={table}
        rowKey="id"
        columns={afterSaleColumns(t)}
        scroll={{ x: 1200 }}
        data-testid="after-sales-table"
        onRow={(a) => ({ onClick: (e) => openUnlessControl(e, () => navigate(`/after-sales/${a.id}`)), style: { cursor: 'pointer' } })}
      />
    </>
  );
}
