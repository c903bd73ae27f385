import { useQuery } from '@tanstack/react-query';
import { Modal, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderKeys, ordersApi, type PickListLine } from '../../api/orders';
import { ErrorState } from '../../toolkit';

const STATUSES = ['paid', 'approved', 'picking'] as const;

/** 拣货单: order lines summed per SKU for the orders in one status. */
export function PickListModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('paid');
  const query = useQuery({
    queryKey: orderKeys.pickList(status),
    queryFn: ({ signal }) => ordersApi.pickList({ status }, signal),
    enabled: open,
  });
  return (
    <Modal open={open} title={t('orders.pickList')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      {query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<PickListLine>
          rowKey="sku"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          pagination={false}
          data-testid="pick-list"
          columns={[
            { title: t('catalog.sku'), dataIndex: 'sku', width: 160 },
            { title: t('catalog.productName'), dataIndex: 'name' },
            { title: t('orders.quantity'), dataIndex: 'quantity', width: 100, align: 'right' },
            { title: t('orders.orderCount'), dataIndex: 'order_count', width: 100, align: 'right' },
          ]}
        />
      )}
    </Modal>
  );
}
