import { OrderedListOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { orderKeys, ordersApi, PAYMENT_METHODS, type Order } from '../../api/orders';
import { useSession } from '../../auth/SessionContext';
import { DateRangeFilter, FilterBar, PageHeader, ServerTable, useServerTable } from '../../toolkit';
import { openUnlessControl } from '../customers/customerColumns';
import { orderColumns } from './orderColumns';
import { OrderFormDrawer } from './OrderFormDrawer';
import { ORDER_TABS } from './orderStatus';
import { PickListModal } from './PickListModal';

const FILTERS = ['status', 'customer_id', 'q', 'platform', 'channel', 'payment_method', 'from', 'to'] as const;

/** 订单列表: status tabs, filters in the URL, amounts; a row opens the order. */
export function OrdersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const [picking, setPicking] = useState(false);
  const table = useServerTable<Order>({
    queryKey: orderKeys.list,
    fetcher: (query, signal) => ordersApi.list(query, signal),
    filterKeys: FILTERS,
  });
  const f = table.filters;
  const text = (key: string, placeholder: string, width: number) => (
    <Input.Search
      key={`${key}-${f[key] ?? ''}`}
      defaultValue={f[key]}
      placeholder={placeholder}
      allowClear
      onSearch={(v) => table.setFilters({ [key]: v.trim() })}
      style={{ width }}
      data-testid={`order-filter-${key}`}
    />
  );

  return (
    <>
      <PageHeader
        title={t('nav.orderList')}
        subtitle={t('orders.subtitle')}
        extra={
          <>
            <Button icon={<OrderedListOutlined />} onClick={() => setPicking(true)} data-testid="order-pick-list">
              {t('orders.pickList')}
            </Button>
            {can('orders.create') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/orders/import')} data-testid="order-import">
                {t('orderImports.button')}
              </Button>
            )}
            {can('orders.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="order-create">
                {t('orders.create')}
              </Button>
            )}
          </>
        }
      />
      <Tabs
        activeKey={f.status ?? ''}
        onChange={(key) => table.setFilters({ status: key })}
        items={ORDER_TABS.map((s) => ({ key: s, label: s ? t(`orders.tabs.${s}`) : t('orders.tabs.all') }))}
        data-testid="order-tabs"
      />
      <FilterBar onReset={table.resetFilters}>
        {text('q', t('orders.searchPlaceholder'), 240)}
        {text('platform', t('orders.platform'), 140)}
        {text('channel', t('orders.channel'), 140)}
        <Select
          allowClear
          placeholder={t('orders.paymentMethod')}
          value={f.payment_method}
          onChange={(v?: string) => table.setFilters({ payment_method: v })}
          options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`orders.paymentMethods.${m}`) }))}
          style={{ width: 130 }}
          data-testid="order-filter-payment"
        />
        <DateRangeFilter from={f.from} to={f.to} onChange={(r) => table.setFilters({ from: r.from, to: r.to })} />
      </FilterBar>
      <ServerTable<Order>
        table={table}
        rowKey="id"
        columns={orderColumns(t)}
        scroll={{ x: 1300 }}
        data-testid="orders-table"
        onRow={(o) => ({ onClick: (e) => openUnlessControl(e, () => navigate(`/orders/${o.id}`)), style: { cursor: 'pointer' } })}
      />
      <OrderFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(o) => {
          setCreating(false);
          navigate(`/orders/${o.id}`);
        }}
      />
      <PickListModal open={picking} onClose={() => setPicking(false)} />
    </>
  );
}
