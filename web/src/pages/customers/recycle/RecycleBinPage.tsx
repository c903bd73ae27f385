import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerKeys, customersApi, type DeletedCustomer } from '../../../api/customers';
import { errorText } from '../../../auth/errors';
import { ConfirmButton, formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { orDash } from '../display';
import { invalidateCustomers } from '../invalidate';
import { EraseCustomerModal } from './EraseCustomerModal';

const FILTERS: readonly string[] = [];

/** 回收站: deleted customers, restore or erase for good. */
export function RecycleBinPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [erasing, setErasing] = useState<DeletedCustomer | null>(null);
  const table = useServerTable<DeletedCustomer>({
    queryKey: customerKeys.recycleBin,
    fetcher: (query, signal) => customersApi.recycleBin(query, signal),
    filterKeys: FILTERS,
  });

  const restore = async (c: DeletedCustomer) => {
    try {
      await customersApi.restore(c.id);
      message.success(t('recycle.restored', { name: c.name }));
      await invalidateCustomers(queryClient);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: TableColumnsType<DeletedCustomer> = [
    { title: t('customers.number'), dataIndex: 'number', width: 170 },
    { title: t('customers.name'), dataIndex: 'name', width: 140, ellipsis: true },
    { title: t('customers.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => orDash(v) },
    { title: t('customers.owner'), dataIndex: 'owner_name', width: 110, render: (v: string) => orDash(v) },
    { title: t('recycle.deletedAt'), dataIndex: 'deleted_at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('recycle.deletedBy'), dataIndex: 'deleted_by', width: 120, render: (v: DeletedCustomer['deleted_by']) => (v === null || v === undefined ? '—' : String(v)) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, c) => (
        <Space size={0}>
          <ConfirmButton type="link" size="small" danger={false} title={t('recycle.restoreConfirm', { name: c.name })} onConfirm={() => restore(c)}>
            {t('recycle.restore')}
          </ConfirmButton>
          <Button type="link" size="small" danger onClick={() => setErasing(c)} data-testid={`erase-${c.id}`}>
            {t('recycle.erase')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.customerRecycleBin')} subtitle={t('recycle.subtitle')} />
      <ServerTable<DeletedCustomer> table={table} rowKey="id" columns={columns} scroll={{ x: 1000 }} data-testid="recycle-table" />
      <EraseCustomerModal
        customer={erasing}
        onClose={() => setErasing(null)}
        onErased={() => {
          setErasing(null);
          void invalidateCustomers(queryClient);
        }}
      />
    </>
  );
}
