import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Space, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { customerKeys, customersApi, type Customer } from '../../../api/customers';
import { errorText } from '../../../auth/errors';
import { useSession } from '../../../auth/SessionContext';
import { ConfirmButton, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { customerColumns, openUnlessControl } from '../customerColumns';
import { CUSTOMER_FILTERS, CustomerFilters } from '../CustomerFilters';
import { invalidateCustomers } from '../invalidate';

/** The customers of one category, with remove-from-category. */
export function CategoryCustomersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = useSession().can('customers.edit');
  const id = Number(useParams().id);
  const category = useQuery({ queryKey: customerKeys.category(id), queryFn: ({ signal }) => customersApi.getCategory(id, signal) });
  const table = useServerTable<Customer>({
    queryKey: customerKeys.categoryCustomers(id),
    fetcher: (query, signal) => customersApi.categoryCustomers(id, query, signal),
    filterKeys: CUSTOMER_FILTERS,
  });

  if (category.error instanceof ApiError && category.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('categories.notFound')}
        extra={<Button type="primary" onClick={() => navigate('/customers/categories')}>{t('categories.backToList')}</Button>}
      />
    );
  }

  const removeMember = async (c: Customer) => {
    try {
      await customersApi.removeMembers(id, [c.id]);
      message.success(t('categories.memberRemoved', { name: c.name }));
      await Promise.all([invalidateCustomers(queryClient), queryClient.invalidateQueries({ queryKey: customerKeys.categories })]);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: TableColumnsType<Customer> = customerColumns(t).filter((col) => col.key !== 'categories' && !('dataIndex' in col && col.dataIndex === 'categories'));
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_v, c) => (
        <ConfirmButton type="link" size="small" title={t('categories.removeMemberConfirm', { name: c.name })} onConfirm={() => removeMember(c)}>
          {t('categories.removeMember')}
        </ConfirmButton>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/customers/categories')} aria-label={t('categories.backToList')} />
            {category.data?.name ?? '…'}
          </Space>
        }
        subtitle={category.data?.description || t('categories.customersOf')}
      />
      <CustomerFilters table={table} withCategory={false} />
      <ServerTable<Customer>
        table={table}
        rowKey="id"
        columns={columns}
        scroll={{ x: 1400 }}
        data-testid="category-customers-table"
        onRow={(c) => ({ onClick: (e) => openUnlessControl(e, () => navigate(`/customers/${c.id}`)), style: { cursor: 'pointer' } })}
      />
    </>
  );
}
