import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { afterSaleKeys, afterSalesApi, type AfterSale } from '../../../api/afterSales';
import type { OrderDetail, OrderStatus } from '../../../api/orders';
import { useSession } from '../../../auth/SessionContext';
import { ErrorState } from '../../../toolkit';
import { afterSaleColumns } from './afterSaleColumns';
import { AfterSaleCreateModal } from './AfterSaleCreateModal';

/** Orders that may take an after-sales request. */
export const AFTER_SALE_ORDER_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed'];

/** 售后 tab of an order: its requests and "申请售后". */
export function OrderAfterSales({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: afterSaleKeys.forOrder(order.id),
    queryFn: ({ signal }) => afterSalesApi.list({ order_id: order.id, limit: 100 }, signal),
  });
  const canCreate = can('orders.after_sales') && AFTER_SALE_ORDER_STATUSES.includes(order.status);
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      {canCreate && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="after-sale-create">
            {t('afterSales.create')}
          </Button>
        </Flex>
      )}
      <Table<AfterSale>
        rowKey="id"
        size="small"
        pagination={false}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={afterSaleColumns(t, { withOrder: false })}
        data-testid="order-after-sales"
      />
      <AfterSaleCreateModal
        order={order}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a) => {
          setCreating(false);
          navigate(`/after-sales/${a.id}`);
        }}
      />
    </>
  );
}
